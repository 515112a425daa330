#include "pwc_test_support.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>

#include "mltrend/cancel.hpp"
#include "mltrend/source.hpp"
#include "mltrendd/http/http_client.hpp"
#include "pwc_config.hpp"
#include "pwc_source.hpp"

namespace pwc_test {

void CaptureLogger::Write(mltrend::LogLevel, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.emplace_back(message);
}

bool CaptureLogger::AnyLineContains(std::string_view text) const { return CountContaining(text) > 0; }

size_t CaptureLogger::CountContaining(std::string_view text) const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& line : lines_)
    if (line.find(text) != std::string::npos) ++n;
  return n;
}

mltrend::ConfigValues Config(const std::map<std::string, std::string>& overrides) {
  mltrend::ConfigValues values;
  for (const mltrend::ConfigKey& key : mltrend::pwc::kPapersWithCodeKeys) {
    std::string text = key.default_value;
    if (auto it = overrides.find(key.name); it != overrides.end()) text = it->second;
    if (key.type == mltrend::ConfigType::kInt) values.Set(key.name, static_cast<int64_t>(std::stoll(text)));
    else values.Set(key.name, text);
  }
  values.Set("name", std::string("pwc"));
  return values;
}

std::filesystem::path LinksCsv() {
  return mltrend_test::FixturePath("paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz");
}

int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file) {
  const auto tool = mltrend_test::FixturePath("SOURCES.md").parent_path().parent_path() / "tools" / script;
  const std::string errors = stdout_file.string() + ".stderr";
  const std::string command =
      "python3 '" + tool.string() + "' " + args + " > '" + stdout_file.string() + "' 2> '" + errors + "'";
  int rc = std::system(command.c_str());
  if (rc != 0) WARN(script << " failed (" << rc << "): " << mltrend_test::ReadFile(errors));
  return rc;
}

void ConvertCsv(const std::filesystem::path& out, bool gzip) {
  const std::string args = "'" + LinksCsv().string() + "' '" + out.string() + "'" + (gzip ? " --gzip" : "");
  REQUIRE(RunTool("pwc_csv_to_dump.py", args, out.string() + ".out") == 0);
}

std::string Gzip(std::string_view text) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&zs, text.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

namespace {

//! Forwards to the daemon's context; cancels the run's token once `stop_after`
//! pages committed, the way a shutdown lands between two pages.
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
  void ReportProgress(const mltrend::SourceProgress& progress) override { inner_.ReportProgress(progress); }
  std::string Secret(const std::string& name) const override { return inner_.Secret(name); }

 private:
  mltrend::SourceContext& inner_;
  mltrend::CancelToken& cancel_;
  uint64_t stop_after_;
  uint64_t pages_ = 0;
};

}  // namespace

Harness::Harness() {
  mltrend::Status s = mltrendd::Store::Open(dir_ / "store", mltrendd::StoreOptions{}, store_);
  if (!s.ok()) throw std::runtime_error("cannot open the test store: " + s.message());
}

Harness::~Harness() { server_.Stop(); }

mltrend::Status Harness::Run(const mltrend::ConfigValues& config, uint64_t stop_after_pages) {
  mltrend::CancelToken cancel;
  counters_.Reset();
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrendd::StoreSourceContext inner(*store_, "pwc", config, http, cancel, log_, &counters_);
  StoppingContext ctx(inner, cancel, stop_after_pages);
  mltrend::pwc::PapersWithCodeSource source;
  return source.Run(ctx);
}

std::string Harness::Checkpoint() {
  std::string checkpoint;
  REQUIRE(store_->GetCheckpoint("pwc", checkpoint).ok());
  return checkpoint;
}

std::optional<std::string> Harness::State(const std::string& key) {
  std::optional<std::string> value;
  REQUIRE(store_->GetSourceState("pwc", key, value).ok());
  return value;
}

std::optional<mltrend::Record> Harness::Get(const std::string& id) {
  std::optional<mltrend::Record> record;
  REQUIRE(store_->GetRecord("pwc", id, record).ok());
  return record;
}

std::vector<mltrend::Record> Harness::Records() {
  std::vector<mltrend::Record> out;
  uint64_t position = 0;
  mltrend::Status s = store_->ScanRecords(
      [&](std::string_view source, const mltrend::Record& r) {
        if (source == "pwc") out.push_back(r);
        return mltrend::Status::Ok();
      },
      position);
  REQUIRE(s.ok());
  return out;
}

}  // namespace pwc_test
