//===----------------------------------------------------------------------===//
// github tests — gh_test_support.cpp
//===----------------------------------------------------------------------===//
#include "gh_test_support.hpp"

#include <catch2/catch.hpp>

#include "gh_config.hpp"
#include "gh_rate_limit.hpp"
#include "gh_source.hpp"

namespace gh_test {

mltrend::ConfigValues DefaultConfig(const std::string& base_url) {
  mltrend::ConfigValues values = mltrend_test::DefaultValues(mltrend::gh::kGitHubKeys, "gh");
  values.Set("base_url", base_url);
  return values;
}

std::vector<std::string> CsvQueries() {
  return {"topic:python", "topic:machine-learning", "topic:ai", "topic:data-science", "topic:api"};
}

mltrend::ConfigValues CsvConfig(const std::string& base_url, const std::vector<std::string>& queries) {
  mltrend::ConfigValues values = DefaultConfig(base_url);
  values.Set("queries", queries.empty() ? CsvQueries() : queries);
  values.Set("created_until", std::string("2024-10-31"));
  return values;
}

std::filesystem::path Fixture(const std::string& name) { return mltrend_test::FixturePath("github/" + name); }

void RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file) {
  REQUIRE(mltrend_test::RunTool(script, args, stdout_file) == 0);
}

PagesSummary ConvertCsv(const std::filesystem::path& out_dir, const std::string& extra_args) {
  const auto out = out_dir.string() + ".summary.json";
  RunTool("github_csv_to_search_pages.py",
          "'" + Fixture("github_search_repos_by_ml_topic_2024-10.csv.gz").string() + "' --out '" + out_dir.string() +
              "' " + extra_args,
          out);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.load(out).get(doc) == simdjson::SUCCESS);
  PagesSummary summary;
  for (auto t : doc["requests"].get_array()) summary.requests.emplace_back(std::string_view(t.get_string()));
  for (auto t : doc["split"].get_array()) summary.split.emplace_back(std::string_view(t.get_string()));
  summary.distinct = doc["distinct"].get_int64();
  return summary;
}

void ConvertRecording(const std::filesystem::path& out_dir, const std::vector<std::string>& fixtures,
                      const std::string& extra_args) {
  std::string args;
  for (const auto& f : fixtures) args += "'" + Fixture(f).string() + "' ";
  RunTool("github_replay_to_exchanges.py", args + "--out '" + out_dir.string() + "' " + extra_args,
          out_dir.string() + ".out");
}

Harness::Harness() : mltrend_test::SourceHarness("gh") {
  // Budgets are process-wide per token; a test starts from a fresh window.
  mltrend::gh::TokenLane::ForgetBudgets();
}

mltrend::Status Harness::Run(const mltrend::ConfigValues& config) {
  mltrend::gh::GitHubSource source;
  return RunSource(source, config);
}

}  // namespace gh_test
