//===----------------------------------------------------------------------===//
// tests/sdk_examples — jsonl_resume_test.cpp
//===----------------------------------------------------------------------===//
// The example source's checkpoint and Page::state semantics, through the
// daemon's own StoreSourceContext on a real store: a read stopped after two
// pages resumes at the byte offset it committed; an unchanged file is
// skipped; a file changed under an interrupted read is read from the start.
#include <catch2/catch.hpp>

#include <string>

#include "jsonl_source.hpp"
#include "mltrend_test/plugin_kit.hpp"

namespace {

namespace fs = std::filesystem;

std::string Line(int i) {
  return R"({"id":"r)" + std::to_string(i) + R"(","name":"n)" + std::to_string(i) +
         R"(","date":"2024-0)" + std::to_string(1 + i % 9) + R"(-01","tags":["pytorch"]})" + "\n";
}

//! The kit's harness with the example source stored as "local".
struct Harness : mltrend_test::SourceHarness {
  fs::path file = Dir() / "records.jsonl";
  mltrend::ConfigValues config;
  mltrendd::Store* store = &Store();
  mltrendd::SourceRunCounters& counters = Counters();
  mltrend_test::CaptureLogger& log = Log();

  Harness() : mltrend_test::SourceHarness("local") {
    config.Set("name", std::string("local"));
    config.Set("path", file.string());
    config.Set("page_size", int64_t{3});
  }
  //! One run; `stop_after` > 0 cancels it after that many committed pages.
  mltrend::Status Run(int stop_after = 0) {
    jsonl_example::JsonlSource source;
    return RunSource(source, config, false, static_cast<uint64_t>(stop_after));
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
