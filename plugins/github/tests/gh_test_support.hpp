//===----------------------------------------------------------------------===//
// github tests — gh_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/plugin_kit.hpp"

namespace gh_test {

using mltrend_test::CaptureLogger;
using mltrend_test::ScopedEnv;

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

//! The kit's harness with the source stored as "gh": one GitHubSource run
//! at a time, with fresh per-token budgets for every harness.
class Harness : public mltrend_test::SourceHarness {
 public:
  Harness();
  mltrend::Status Run(const mltrend::ConfigValues& config);
  std::optional<mltrend::Record> Get(const std::string& id) { return Find(id); }
};


}  // namespace gh_test
