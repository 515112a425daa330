//===----------------------------------------------------------------------===//
// tests/crash — crash_inputs.hpp
//===----------------------------------------------------------------------===//
// What both crash tests (the `--once` lives and the serving daemon's lives)
// crawl, and the checks they share: the recorded Hub listing and Papers with
// Code links, served on loopback; `mltrendd --verify`; every /v1/trends
// answer of a killed store against the uninterrupted one's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"

namespace crash {

//! Models in the recorded Hub listing and links in the PwC subset: what a
//! complete crawl holds.
constexpr uint64_t kHubModels = 9715;
constexpr uint64_t kPwcLinks = 2297;

//! The recorded Hub listing as pages of 25 (the crawl by downloads, and the
//! refresh by lastModified that a run after the crawl asks for), served by a
//! loopback replay server; the PwC links subset as a gzip dump. Built by the
//! constructor (which REQUIREs each step) from tests/fixtures.
class Inputs {
 public:
  Inputs();
  mltrend_test::ReplayServer hub;
  const std::filesystem::path& Dump() const { return dump_; }

 private:
  mltrend_test::TempDir dir_;
  std::filesystem::path dump_;
};

//! Pins the date of the sinks' observed snapshots for every daemon this
//! process starts (MLTREND_TEST_TODAY, the framework_share test hook) to
//! today's UTC date, so that a killed store and an uninterrupted one
//! compare equal even when the runs straddle midnight UTC. Call once,
//! before the first daemon starts.
void PinToday();

//! `mltrendd --verify --config config` exits 0 (a REQUIRE, with its output).
void Verify(const std::filesystem::path& config);

//! Copies the store of `config` (its state_dir `dir/state`) to a fresh
//! directory and runs `mltrendd --verify` there, so that nothing but the
//! next daemon opens the store itself.
void VerifyCopy(const std::filesystem::path& dir);

//! Both stores pass `mltrendd --verify`, and the killed one (`dir/state`
//! of each side) equals the uninterrupted one byte for byte where
//! CompareStores says it must, holding every record of the inputs. Prints
//! the tally and the first differences.
void CheckSameStore(const std::filesystem::path& interrupted_dir, const std::filesystem::path& uninterrupted_dir);

//! Serves both stores (configs `dir/mltrend.toml`, sockets `dir/run/`) and
//! CHECKs that each of TrendsTargets() is answered the same by both, with a
//! series wherever the data has one. Prints the tally.
void CompareTrends(const std::filesystem::path& interrupted_dir, const std::filesystem::path& uninterrupted_dir);

}  // namespace crash
