//===----------------------------------------------------------------------===//
// paperswithcode tests — pwc_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/log.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/store/store.hpp"

namespace pwc_test {

//! A Logger that keeps every line.
class CaptureLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel level, std::string_view message) override;
  bool Enabled(mltrend::LogLevel) const override { return true; }
  bool AnyLineContains(std::string_view text) const;
  size_t CountContaining(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

//! The plugin's configuration as the daemon builds it: every key of
//! kPapersWithCodeKeys at its default, `name` = "pwc", then `overrides`.
mltrend::ConfigValues Config(const std::map<std::string, std::string>& overrides);

//! tests/fixtures/paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz
std::filesystem::path LinksCsv();

//! Runs `python3 tests/tools/<script> <args>` (args already quoted), stdout
//! into `stdout_file`; returns the exit status (and WARNs stderr on failure).
int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file);

//! The real CSV as a links dump at `out` (gzip when `gzip`), by
//! tests/tools/pwc_csv_to_dump.py; REQUIREs success.
void ConvertCsv(const std::filesystem::path& out, bool gzip);

//! A JSON text gzip-compressed (zlib, gzip framing).
std::string Gzip(std::string_view text);

//! A real store in a temp dir plus a loopback replay server; runs the
//! PapersWithCodeSource through the daemon's StoreSourceContext and
//! BeastHttpClient.
class Harness {
 public:
  Harness();
  ~Harness();

  mltrend_test::ReplayServer& Server() { return server_; }
  mltrendd::Store& Store() { return *store_; }
  CaptureLogger& Log() { return log_; }
  mltrendd::SourceRunCounters& Counters() { return counters_; }
  const mltrend_test::TempDir& Dir() const { return dir_; }

  //! One Source::Run. With `stop_after_pages` > 0 the run's cancel token
  //! fires once that many pages committed, as a daemon shutdown would.
  mltrend::Status Run(const mltrend::ConfigValues& config, uint64_t stop_after_pages = 0);
  std::string Checkpoint();
  std::optional<std::string> State(const std::string& key);
  uint64_t Count() { return store_->RecordCount("pwc"); }
  std::optional<mltrend::Record> Get(const std::string& id);
  //! Every stored record of source "pwc".
  std::vector<mltrend::Record> Records();

 private:
  mltrend_test::TempDir dir_;
  std::unique_ptr<mltrendd::Store> store_;
  mltrend_test::ReplayServer server_;
  CaptureLogger log_;
  mltrendd::SourceRunCounters counters_;
};

}  // namespace pwc_test
