//===----------------------------------------------------------------------===//
// github tests — gh_test_support.cpp
//===----------------------------------------------------------------------===//
#include "gh_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>

#include "gh_config.hpp"
#include "gh_rate_limit.hpp"
#include "gh_source.hpp"
#include "mltrend/cancel.hpp"
#include "mltrendd/http/http_client.hpp"

namespace gh_test {

void CaptureLogger::Write(mltrend::LogLevel, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.emplace_back(message);
}

bool CaptureLogger::AnyLineContains(std::string_view text) const {
  std::lock_guard lock(mutex_);
  for (const auto& line : lines_)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

std::vector<std::string> CaptureLogger::Lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

mltrend::ConfigValues DefaultConfig(const std::string& base_url) {
  mltrend::ConfigValues values;
  for (const mltrend::ConfigKey& key : mltrend::gh::kGitHubKeys) {
    std::string text = key.default_value;
    switch (key.type) {
      case mltrend::ConfigType::kInt: values.Set(key.name, static_cast<int64_t>(std::stoll(text))); break;
      case mltrend::ConfigType::kBool: values.Set(key.name, text == "true"); break;
      case mltrend::ConfigType::kString: values.Set(key.name, text); break;
      case mltrend::ConfigType::kStringList: {
        std::vector<std::string> items;
        for (size_t start = 0; start <= text.size();) {
          size_t comma = text.find(',', start);
          if (comma == std::string::npos) comma = text.size();
          if (comma > start) items.push_back(text.substr(start, comma - start));
          start = comma + 1;
        }
        values.Set(key.name, std::move(items));
        break;
      }
      default: throw std::logic_error(std::string("test helper cannot default key ") + key.name);
    }
  }
  values.Set("name", std::string("gh"));
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
  const auto tool = mltrend_test::FixturePath("SOURCES.md").parent_path().parent_path() / "tools" / script;
  const std::string errors = stdout_file.string() + ".stderr";
  const std::string command =
      "python3 '" + tool.string() + "' " + args + " > '" + stdout_file.string() + "' 2> '" + errors + "'";
  int rc = std::system(command.c_str());
  if (rc != 0) WARN(script << " failed (" << rc << "): " << mltrend_test::ReadFile(errors));
  REQUIRE(rc == 0);
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

Harness::Harness() {
  // Budgets are process-wide per token; a test starts from a fresh window.
  mltrend::gh::TokenLane::ForgetBudgets();
  mltrend::Status s = mltrendd::Store::Open(dir_ / "store", mltrendd::StoreOptions{}, store_);
  if (!s.ok()) throw std::runtime_error("cannot open the test store: " + s.message());
}

Harness::~Harness() { server_.Stop(); }

mltrend::Status Harness::Run(const mltrend::ConfigValues& config) {
  mltrend::CancelToken cancel;
  counters_.Reset();
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrendd::StoreSourceContext ctx(*store_, "gh", config, http, cancel, log_, &counters_);
  mltrend::gh::GitHubSource source;
  return source.Run(ctx);
}

std::string Harness::Checkpoint() {
  std::string checkpoint;
  REQUIRE(store_->GetCheckpoint("gh", checkpoint).ok());
  return checkpoint;
}

std::optional<mltrend::Record> Harness::Get(const std::string& id) {
  std::optional<mltrend::Record> out;
  REQUIRE(store_->GetRecord("gh", id, out).ok());
  return out;
}

ScopedEnv::ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
  ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() { ::unsetenv(name_.c_str()); }

}  // namespace gh_test
