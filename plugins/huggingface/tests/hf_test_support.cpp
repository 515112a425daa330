#include "hf_test_support.hpp"

#include <simdjson.h>

#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "hf_budget.hpp"
#include "hf_config.hpp"
#include "hf_source.hpp"
#include "mltrend/cancel.hpp"
#include "mltrendd/http/http_client.hpp"

namespace hf_test {

void CaptureLogger::Write(mltrend::LogLevel, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.emplace_back(message);
}

std::vector<std::string> CaptureLogger::Lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

bool CaptureLogger::AnyLineContains(std::string_view text) const {
  std::lock_guard lock(mutex_);
  for (const auto& line : lines_)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

std::chrono::milliseconds ParseDuration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const int64_t n = std::stoll(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit == "d") return std::chrono::hours(24 * n);
  if (unit == "h") return std::chrono::hours(n);
  if (unit == "m") return std::chrono::minutes(n);
  if (unit == "s" || unit.empty()) return std::chrono::seconds(n);
  throw std::logic_error("test helper cannot parse duration " + text);
}

mltrend::ConfigValues DefaultConfig(const std::string& base_url) {
  mltrend::ConfigValues values;
  for (const mltrend::ConfigKey& key : mltrend::hf::kHuggingFaceKeys) {
    std::string text = key.default_value;
    switch (key.type) {
      case mltrend::ConfigType::kInt: values.Set(key.name, static_cast<int64_t>(std::stoll(text))); break;
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
      case mltrend::ConfigType::kString: values.Set(key.name, text); break;
      case mltrend::ConfigType::kBool: values.Set(key.name, text == "true"); break;
      case mltrend::ConfigType::kDuration: values.Set(key.name, ParseDuration(text)); break;
      default: throw std::logic_error(std::string("test helper cannot default key ") + key.name);
    }
  }
  values.Set("name", std::string("hf"));
  values.Set("base_url", base_url);
  return values;
}

std::filesystem::path ListingCsv() {
  return mltrend_test::FixturePath("huggingface/hf_models_top_downloads_2024-09-20.csv.gz");
}

int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file) {
  // tests/tools sits beside tests/fixtures; FixturePath knows where the source tree is.
  const auto tool = mltrend_test::FixturePath("SOURCES.md").parent_path().parent_path() / "tools" / script;
  const std::string errors = stdout_file.string() + ".stderr";
  const std::string command =
      "python3 '" + tool.string() + "' " + args + " > '" + stdout_file.string() + "' 2> '" + errors + "'";
  int rc = std::system(command.c_str());
  if (rc != 0) WARN(script << " failed (" << rc << "): " << mltrend_test::ReadFile(errors));
  return rc;
}

std::filesystem::path TrendingJson() {
  return mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json");
}

void ConvertModels(const std::filesystem::path& input, const std::filesystem::path& out_dir,
                   const std::string& extra_args) {
  const std::string args = "'" + input.string() + "' --out '" + out_dir.string() + "' " + extra_args;
  int rc = RunTool("hf_listing_to_pages.py", args, out_dir.string() + ".out");
  REQUIRE(rc == 0);
}

void ConvertListing(const std::filesystem::path& out_dir, const std::string& extra_args) {
  const std::string args = "'" + ListingCsv().string() + "' --out '" + out_dir.string() + "' " + extra_args;
  int rc = RunTool("hf_listing_to_pages.py", args, out_dir.string() + ".out");
  REQUIRE(rc == 0);
}

std::vector<std::string> ExchangeTargets(const std::filesystem::path& dir) {
  std::ifstream in(dir / "exchanges.jsonl");
  REQUIRE(in);
  std::vector<std::string> targets;
  simdjson::dom::parser parser;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::string_view target;
    REQUIRE(parser.parse(line)["target"].get(target) == simdjson::SUCCESS);
    targets.emplace_back(target);
  }
  return targets;
}

SourceHarness::SourceHarness() {
  // Budgets are process-wide; each test starts with fresh windows.
  mltrend::hf::RequestBudget::ForgetAll();
  mltrend::Status s = mltrendd::Store::Open(dir_ / "store", mltrendd::StoreOptions{}, store_);
  if (!s.ok()) throw std::runtime_error("cannot open the test store: " + s.message());
}

SourceHarness::~SourceHarness() { server_.Stop(); }

mltrend::ConfigValues SourceHarness::Config() const { return DefaultConfig(server_.BaseUrl()); }

mltrend::Status SourceHarness::Run(const mltrend::ConfigValues& config, bool cancelled) {
  mltrend::CancelToken cancel;
  if (cancelled) cancel.Cancel();
  counters_.Reset();
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrendd::StoreSourceContext ctx(*store_, "hf", config, http, cancel, log_, &counters_);
  mltrend::hf::HuggingFaceSource source;
  return source.Run(ctx);
}

std::string SourceHarness::Checkpoint() {
  std::string checkpoint;
  mltrend::Status s = store_->GetCheckpoint("hf", checkpoint);
  REQUIRE(s.ok());
  return checkpoint;
}

std::optional<std::string> SourceHarness::State(std::string_view key) {
  std::optional<std::string> value;
  REQUIRE(store_->GetSourceState("hf", key, value).ok());
  return value;
}

void SourceHarness::SeedState(const mltrendd::SourceStateChanges& changes) {
  mltrendd::CommitStats stats;
  REQUIRE(store_->CommitPage("hf", {}, Checkpoint(), stats, changes).ok());
}

mltrend::SourceProgress SourceHarness::Progress() {
  std::lock_guard lock(counters_.mutex);
  return counters_.progress;
}

mltrend::Record SourceHarness::Get(const std::string& id) {
  std::optional<mltrend::Record> record;
  REQUIRE(store_->GetRecord("hf", id, record).ok());
  REQUIRE(record.has_value());
  return *record;
}

ScopedEnv::ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
  ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() { ::unsetenv(name_.c_str()); }

}  // namespace hf_test
