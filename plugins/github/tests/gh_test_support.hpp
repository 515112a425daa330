//===----------------------------------------------------------------------===//
// github tests — gh_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <filesystem>
#include <memory>
#include <mutex>
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

namespace gh_test {

//! A Logger that keeps every line (to check what was, and was not, logged).
class CaptureLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel level, std::string_view message) override;
  bool Enabled(mltrend::LogLevel) const override { return true; }
  bool AnyLineContains(std::string_view text) const;
  std::vector<std::string> Lines() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

//! The plugin's configuration as the daemon builds it: every key of
//! kGitHubKeys at its default, name "gh", base_url = `base_url`.
mltrend::ConfigValues DefaultConfig(const std::string& base_url);
//! DefaultConfig for the CSV pages: the five topic queries, created_until
//! 2024-10-31 (what github_csv_to_search_pages.py assumes).
mltrend::ConfigValues CsvConfig(const std::string& base_url, const std::vector<std::string>& queries = {});
//! The five queries of the CSV, most rows first.
std::vector<std::string> CsvQueries();

//! tests/fixtures/github/<name>
std::filesystem::path Fixture(const std::string& name);

//! Runs `python3 tests/tools/<script> <args>` with stdout into `stdout_file`;
//! REQUIREs success.
void RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file);

//! The summary github_csv_to_search_pages.py printed, parsed.
struct PagesSummary {
  std::vector<std::string> requests;
  int64_t distinct = 0;
  std::vector<std::string> split;
};
//! Converts the 9,483-repo CSV into `out_dir` with `extra_args`.
PagesSummary ConvertCsv(const std::filesystem::path& out_dir, const std::string& extra_args);
//! Converts recordings (fixture names) into `out_dir` with `extra_args`.
void ConvertRecording(const std::filesystem::path& out_dir, const std::vector<std::string>& fixtures,
                      const std::string& extra_args = "");

//! A real store in a temp dir, a loopback replay server, and one
//! GitHubSource run at a time through the daemon's StoreSourceContext and
//! BeastHttpClient.
class Harness {
 public:
  Harness();
  ~Harness();
  mltrend_test::ReplayServer& Server() { return server_; }
  mltrendd::Store& Store() { return *store_; }
  CaptureLogger& Log() { return log_; }
  mltrendd::SourceRunCounters& Counters() { return counters_; }
  const std::filesystem::path& Dir() const { return dir_.path(); }
  mltrend::Status Run(const mltrend::ConfigValues& config);
  std::string Checkpoint();
  uint64_t Count() { return store_->RecordCount("gh"); }
  std::optional<mltrend::Record> Get(const std::string& id);

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

}  // namespace gh_test
