//===----------------------------------------------------------------------===//
// tests/sdk_examples — jsonl_resume_test.cpp
//===----------------------------------------------------------------------===//
// The example source's checkpoint and Page::state semantics, through the
// daemon's own StoreSourceContext on a real store: a read stopped after two
// pages resumes at the byte offset it committed; an unchanged file is
// skipped; a file changed under an interrupted read is read from the start.
#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "jsonl_source.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/http/http_client.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/store/store.hpp"

namespace {

namespace fs = std::filesystem;

class CaptureLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(message);
  }
  bool Enabled(mltrend::LogLevel) const override { return true; }
  bool AnyLineContains(std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (const std::string& line : lines_)
      if (line.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

//! The daemon's context, with a stop after `stop_after` committed pages: the
//! cancellation SIGTERM would cause, at a known page instead of a moment.
class StoppingContext final : public mltrend::SourceContext {
 public:
  StoppingContext(mltrendd::StoreSourceContext& inner, mltrend::CancelToken& cancel, int stop_after)
      : inner_(inner), cancel_(cancel), left_(stop_after) {}
  const mltrend::ConfigValues& Config() const override { return inner_.Config(); }
  mltrend::HttpClient& Http() override { return inner_.Http(); }
  const std::string& Checkpoint() const override { return inner_.Checkpoint(); }
  const mltrend::CancelToken& Cancel() const override { return inner_.Cancel(); }
  mltrend::Logger& Log() override { return inner_.Log(); }
  mltrend::Status EmitPage(mltrend::Page page) override {
    mltrend::Status s = inner_.EmitPage(std::move(page));
    if (s.ok() && --left_ == 0) cancel_.Cancel();
    return s;
  }
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override {
    return inner_.GetState(key, value);
  }
  void ReportProgress(const mltrend::SourceProgress& progress) override { inner_.ReportProgress(progress); }
  std::string Secret(const std::string& name) const override { return inner_.Secret(name); }

 private:
  mltrendd::StoreSourceContext& inner_;
  mltrend::CancelToken& cancel_;
  int left_;
};

std::string Line(int i) {
  return R"({"id":"r)" + std::to_string(i) + R"(","name":"n)" + std::to_string(i) +
         R"(","date":"2024-0)" + std::to_string(1 + i % 9) + R"(-01","tags":["pytorch"]})" + "\n";
}

struct Harness {
  mltrend_test::TempDir dir;
  fs::path file = dir / "records.jsonl";
  std::unique_ptr<mltrendd::Store> store;
  mltrend::ConfigValues config;
  CaptureLogger log;
  mltrendd::SourceRunCounters counters;

  Harness() {
    REQUIRE(mltrendd::Store::Open(dir / "store", mltrendd::StoreOptions{}, store).ok());
    config.Set("name", std::string("local"));
    config.Set("path", file.string());
    config.Set("page_size", int64_t{3});
  }
  //! One run; `stop_after` > 0 cancels it after that many committed pages.
  mltrend::Status Run(int stop_after = 0) {
    mltrend::CancelToken cancel;
    counters.Reset();
    mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
    mltrendd::StoreSourceContext ctx(*store, "local", config, http, cancel, log, &counters);
    StoppingContext stopping(ctx, cancel, stop_after);
    jsonl_example::JsonlSource source;
    return stop_after > 0 ? source.Run(stopping) : source.Run(ctx);
  }
  std::string Checkpoint() {
    std::string checkpoint;
    REQUIRE(store->GetCheckpoint("local", checkpoint).ok());
    return checkpoint;
  }
};

}  // namespace

TEST_CASE("a stopped jsonl read resumes at the byte offset of its last committed page", "[sdk_examples]") {
  Harness h;
  std::string text;
  for (int i = 0; i < 10; ++i) text += Line(i);
  mltrend_test::WriteFile(h.file, text);
  size_t after_six = 0;
  for (int i = 0; i < 6; ++i) after_six += Line(i).size();

  CHECK(h.Run(2).code() == mltrend::StatusCode::kCancelled);
  CHECK(h.Checkpoint() == std::to_string(after_six));
  CHECK(h.store->RecordCount("local") == 6);

  // Resumed, not restarted: nothing of the first six lines is read again.
  REQUIRE(h.Run().ok());
  CHECK(h.counters.inserted == 4);
  CHECK(h.counters.unchanged == 0);
  CHECK(h.Checkpoint().empty());
  CHECK(h.store->RecordCount("local") == 10);

  // Unchanged since the complete read: skipped on the strength of Page::state.
  REQUIRE(h.Run().ok());
  CHECK(h.counters.pages == 0);
  CHECK(h.log.AnyLineContains("unchanged since it was last read completely"));
}

TEST_CASE("a jsonl file changed under an interrupted read is read again from its start", "[sdk_examples]") {
  Harness h;
  std::string text;
  for (int i = 0; i < 9; ++i) text += Line(i);
  mltrend_test::WriteFile(h.file, text);
  CHECK(h.Run(1).code() == mltrend::StatusCode::kCancelled);
  CHECK_FALSE(h.Checkpoint().empty());

  // A line inserted at the top moves every byte offset: the old checkpoint
  // would land mid-line, so the source must start over.
  mltrend_test::WriteFile(h.file, Line(100) + text);
  REQUIRE(h.Run().ok());
  CHECK(h.log.AnyLineContains("changed since the interrupted read"));
  CHECK(h.counters.rejected == 0);
  CHECK(h.counters.unchanged == 3);  // the first page, read again
  CHECK(h.counters.inserted == 7);
  CHECK(h.store->RecordCount("local") == 10);
}

TEST_CASE("jsonl Validate refuses a page_size below 1 and a directory as path", "[sdk_examples]") {
  mltrend_test::TempDir dir;
  mltrend::ConfigValues values;
  values.Set("path", (dir / "records.jsonl").string());
  values.Set("page_size", int64_t{0});
  std::string bad_key;
  CHECK_FALSE(jsonl_example::JsonlSource::Validate(values, bad_key).ok());
  CHECK(bad_key == "page_size");
  values.Set("page_size", int64_t{10});
  bad_key.clear();
  CHECK(jsonl_example::JsonlSource::Validate(values, bad_key).ok());
  values.Set("path", dir.path().string());
  CHECK_FALSE(jsonl_example::JsonlSource::Validate(values, bad_key).ok());
  CHECK(bad_key == "path");
}
