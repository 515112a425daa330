//===----------------------------------------------------------------------===//
// huggingface tests — hf_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/log.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/store/store.hpp"

namespace hf_test {

//! A Logger that keeps every line, so tests can check what was (and was
//! not: the token) logged.
class CaptureLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel level, std::string_view message) override;
  bool Enabled(mltrend::LogLevel) const override { return true; }
  std::vector<std::string> Lines() const;
  bool AnyLineContains(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

//! The huggingface plugin's configuration as the daemon builds it: every
//! key of kHuggingFaceKeys at its declared default, `name` = "hf", and
//! base_url pointing at `base_url`.
mltrend::ConfigValues DefaultConfig(const std::string& base_url);
//! A duration default as the config loader reads it: "7d", "90s", "0s".
std::chrono::milliseconds ParseDuration(const std::string& text);

//! The recorded 9,715-model listing (tests/fixtures/huggingface).
std::filesystem::path ListingCsv();

//! Runs tests/tools/hf_listing_to_pages.py on the listing into `out_dir`
//! with `extra_args` (e.g. "--page-size 10 --max-rows 30"); fails the test
//! when the script fails.
void ConvertListing(const std::filesystem::path& out_dir, const std::string& extra_args = "");

//! The recorded 50-model GET /api/models answer (tests/fixtures/huggingface).
std::filesystem::path TrendingJson();

//! Runs tests/tools/hf_listing_to_pages.py on `input` (the listing CSV or a
//! saved API answer) into `out_dir`; fails the test when the script fails.
void ConvertModels(const std::filesystem::path& input, const std::filesystem::path& out_dir,
                   const std::string& extra_args);

//! Runs `python3 tests/tools/<script> <args>`, stdout into `stdout_file` and
//! stderr beside it (`<stdout_file>.stderr`, shown as a test warning when the
//! script fails); returns the exit status of std::system.
int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file);

//! The `target` of every line of `<dir>/exchanges.jsonl`, in file order
//! (page 1 first).
std::vector<std::string> ExchangeTargets(const std::filesystem::path& dir);

//! A real store in a temp dir plus a loopback replay server, and one
//! HuggingFaceSource run at a time through the daemon's StoreSourceContext
//! and BeastHttpClient.
class SourceHarness {
 public:
  SourceHarness();
  ~SourceHarness();

  mltrend_test::ReplayServer& Server() { return server_; }
  mltrendd::Store& Store() { return *store_; }
  CaptureLogger& Log() { return log_; }
  //! The counters of the last run (pages, inserted, updated, rejected, progress).
  mltrendd::SourceRunCounters& Counters() { return counters_; }

  //! DefaultConfig(Server().BaseUrl()); call after Server().Start().
  mltrend::ConfigValues Config() const;
  //! One Source::Run with `config`; `cancelled` sets the token first.
  mltrend::Status Run(const mltrend::ConfigValues& config, bool cancelled = false);
  std::string Checkpoint();
  uint64_t Count() { return store_->RecordCount("hf"); }
  //! The source's state value `key` (nullopt when absent).
  std::optional<std::string> State(std::string_view key);
  //! Commits `changes` to the source's state as a page without records,
  //! keeping the checkpoint: stands for what an earlier run left behind.
  void SeedState(const mltrendd::SourceStateChanges& changes);
  //! A copy of the progress last reported.
  mltrend::SourceProgress Progress();
  //! The stored record of `id`; fails the test when absent.
  mltrend::Record Get(const std::string& id);

 private:
  mltrend_test::TempDir dir_;
  std::unique_ptr<mltrendd::Store> store_;
  mltrend_test::ReplayServer server_;
  CaptureLogger log_;
  mltrendd::SourceRunCounters counters_;
};

//! Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

}  // namespace hf_test
