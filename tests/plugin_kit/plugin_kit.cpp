//===----------------------------------------------------------------------===//
// tests — plugin_kit.cpp
//===----------------------------------------------------------------------===//
#include "mltrend_test/plugin_kit.hpp"

#include <simdjson.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "mltrend/cancel.hpp"
#include "mltrend/config_reader.hpp"
#include "mltrendd/http/http_client.hpp"

namespace mltrend_test {

void CaptureLogger::Write(mltrend::LogLevel, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.emplace_back(message);
}

std::vector<std::string> CaptureLogger::Lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

size_t CaptureLogger::CountContaining(std::string_view text) const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& line : lines_)
    if (line.find(text) != std::string::npos) ++n;
  return n;
}

ScopedEnv::ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
  ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() { ::unsetenv(name_.c_str()); }

mltrend::ConfigValues DefaultValues(std::span<const mltrend::ConfigKey> keys, const std::string& name) {
  mltrend::ConfigValues values;
  // The same parsing of default texts the plugins themselves rely on.
  for (const mltrend::ConfigKey& key : keys) {
    if (key.default_value != nullptr) values.Set(key.name, mltrend::DefaultValue(key));
  }
  values.Set("name", name);
  return values;
}

int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file) {
  // tests/tools sits beside tests/fixtures; FixturePath knows where the source tree is.
  const auto tool = FixturePath("SOURCES.md").parent_path().parent_path() / "tools" / script;
  const std::string errors = stdout_file.string() + ".stderr";
  const std::string command =
      "python3 '" + tool.string() + "' " + args + " > '" + stdout_file.string() + "' 2> '" + errors + "'";
  int rc = std::system(command.c_str());
  if (rc != 0) WARN(script << " failed (" << rc << "): " << ReadFile(errors));
  return rc;
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

namespace {

//! Forwards to the daemon's context; cancels the run's token once `stop_after`
//! pages committed.
class StoppingContext final : public mltrend::SourceContext {
 public:
  StoppingContext(mltrend::SourceContext& inner, mltrend::CancelToken& cancel, uint64_t stop_after)
      : inner_(inner), cancel_(cancel), stop_after_(stop_after) {}
  const mltrend::ConfigValues& Config() const override { return inner_.Config(); }
  mltrend::HttpClient& Http() override { return inner_.Http(); }
  const std::string& Checkpoint() const override { return inner_.Checkpoint(); }
  const mltrend::CancelToken& Cancel() const override { return inner_.Cancel(); }
  mltrend::Logger& Log() override { return inner_.Log(); }
  mltrend::Status EmitPage(mltrend::Page page) override {
    mltrend::Status s = inner_.EmitPage(std::move(page));
    if (s.ok() && stop_after_ > 0 && ++pages_ >= stop_after_) cancel_.Cancel();
    return s;
  }
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override {
    return inner_.GetState(key, value);
  }
  mltrend::Status ScanState(std::string_view prefix,
                            const std::function<bool(std::string_view, std::string_view)>& visit) override {
    return inner_.ScanState(prefix, visit);
  }
  void ReportProgress(const mltrend::SourceProgress& progress) override { inner_.ReportProgress(progress); }
  std::string Secret(const std::string& name) const override { return inner_.Secret(name); }

 private:
  mltrend::SourceContext& inner_;
  mltrend::CancelToken& cancel_;
  uint64_t stop_after_;
  uint64_t pages_ = 0;
};

}  // namespace

SourceHarness::SourceHarness(std::string name) : name_(std::move(name)) {
  mltrend::Status s = mltrendd::Store::Open(dir_ / "store", mltrendd::StoreOptions{}, store_);
  if (!s.ok()) throw std::runtime_error("cannot open the test store: " + s.message());
}

SourceHarness::~SourceHarness() { server_.Stop(); }

mltrend::Status SourceHarness::RunSource(mltrend::Source& source, const mltrend::ConfigValues& config, bool cancelled,
                                         uint64_t stop_after_pages) {
  mltrend::CancelToken cancel;
  if (cancelled) cancel.Cancel();
  counters_.Reset();
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrendd::StoreSourceContext inner(*store_, name_, config, http, cancel, log_, &counters_);
  StoppingContext ctx(inner, cancel, stop_after_pages);
  return source.Run(ctx);
}

std::string SourceHarness::Checkpoint() {
  std::string checkpoint;
  REQUIRE(store_->GetCheckpoint(name_, checkpoint).ok());
  return checkpoint;
}

std::optional<std::string> SourceHarness::State(std::string_view key) {
  std::optional<std::string> value;
  REQUIRE(store_->GetSourceState(name_, key, value).ok());
  return value;
}

void SourceHarness::SeedState(const mltrendd::SourceStateChanges& changes) {
  mltrendd::CommitStats stats;
  REQUIRE(store_->CommitPage(name_, {}, Checkpoint(), stats, changes).ok());
}

mltrend::SourceProgress SourceHarness::Progress() {
  std::lock_guard lock(counters_.mutex);
  return counters_.progress;
}

std::optional<mltrend::Record> SourceHarness::Find(const std::string& id) {
  std::optional<mltrend::Record> record;
  REQUIRE(store_->GetRecord(name_, id, record).ok());
  return record;
}

mltrend::Record SourceHarness::Get(const std::string& id) {
  auto record = Find(id);
  REQUIRE(record.has_value());
  return *record;
}

std::vector<mltrend::Record> SourceHarness::Records() {
  std::vector<mltrend::Record> out;
  uint64_t position = 0;
  mltrend::Status s = store_->ScanRecords(
      [&](std::string_view source, const mltrend::Record& r) {
        if (source == name_) out.push_back(r);
        return mltrend::Status::Ok();
      },
      position);
  REQUIRE(s.ok());
  return out;
}

}  // namespace mltrend_test
