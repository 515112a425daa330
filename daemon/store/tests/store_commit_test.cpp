//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_commit_test.cpp
//===----------------------------------------------------------------------===//
#include <atomic>
#include <thread>

#include "mltrend_test/test_support.hpp"
#include "store_test_util.hpp"

using mltrend::Change;
using mltrend::Record;
using store_test::Commit;
using store_test::OpenStore;
using store_test::Simple;

namespace {

std::vector<Change> AllChanges(mltrendd::Store& store) {
  std::vector<Change> out;
  const auto status = store.ReadChanges(0, 1'000'000, out);
  INFO(status.message());
  REQUIRE(status.ok());
  return out;
}

}  // namespace

TEST_CASE("CommitPage counts inserted, updated and unchanged records", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());

  auto first = Commit(*store, "huggingface", {Simple("a", "A"), Simple("b", "B"), Simple("c", "C")}, "page1");
  CHECK(first.inserted == 3);
  CHECK(first.updated == 0);
  CHECK(first.unchanged == 0);
  CHECK(first.last_sequence == 3);
  CHECK(store->RecordCount("huggingface") == 3);

  auto second = Commit(*store, "huggingface",
                       {Simple("a", "A"), Simple("b", "B2"), Simple("d", "D")}, "page2");
  CHECK(second.inserted == 1);
  CHECK(second.updated == 1);
  CHECK(second.unchanged == 1);
  CHECK(second.last_sequence == 5);  // the unchanged record got no entry
  CHECK(store->RecordCount("huggingface") == 4);
  CHECK(store->RecordCount("github") == 0);
  CHECK(store->LastSequence() == 5);

  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("huggingface", checkpoint).ok());
  CHECK(checkpoint == "page2");
  REQUIRE(store->GetCheckpoint("github", checkpoint).ok());
  CHECK(checkpoint.empty());

  std::optional<Record> b;
  REQUIRE(store->GetRecord("huggingface", "b", b).ok());
  REQUIRE(b.has_value());
  CHECK(b->name == "B2");
  std::optional<Record> missing;
  REQUIRE(store->GetRecord("huggingface", "zzz", missing).ok());
  CHECK_FALSE(missing.has_value());
}

TEST_CASE("CommitPage stores a fully populated record unchanged", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  const Record full = store_test::FullRecord();
  Commit(*store, "huggingface", {full});
  std::optional<Record> got;
  REQUIRE(store->GetRecord("huggingface", full.id, got).ok());
  REQUIRE(got.has_value());
  CHECK(*got == full);
  // Same bytes again: nothing to log.
  auto again = Commit(*store, "huggingface", {full});
  CHECK(again.unchanged == 1);
  CHECK(again.last_sequence == 1);
}

TEST_CASE("a duplicate id in one page: the later wins, one consistent entry", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "github", {Simple("1", "stored")});

  auto stats = Commit(*store, "github",
                      {Simple("1", "first"), Simple("2", "x"), Simple("1", "final"), Simple("2", "y")});
  CHECK(stats.updated == 1);
  CHECK(stats.inserted == 1);
  CHECK(stats.unchanged == 0);
  CHECK(store->RecordCount("github") == 2);

  std::optional<Record> one;
  REQUIRE(store->GetRecord("github", "1", one).ok());
  CHECK(one->name == "final");

  const auto changes = AllChanges(*store);
  REQUIRE(changes.size() == 3);
  // Page order of the winners: "1" (index 2) before "2" (index 3).
  CHECK(changes[1].id == "1");
  REQUIRE(changes[1].before.has_value());
  CHECK(changes[1].before->name == "stored");
  CHECK(changes[1].after->name == "final");
  CHECK(changes[2].id == "2");
  CHECK_FALSE(changes[2].before.has_value());
  CHECK(changes[2].after->name == "y");

  // A page whose duplicates end on the stored value changes nothing.
  auto back = Commit(*store, "github", {Simple("1", "other"), Simple("1", "final")});
  CHECK(back.unchanged == 1);
  CHECK(back.updated == 0);
  CHECK(AllChanges(*store).size() == 3);
}

TEST_CASE("a rename keeps the id: the record is updated, not duplicated", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "huggingface", {Simple("5f1a", "bert-base-uncased")});
  auto stats = Commit(*store, "huggingface", {Simple("5f1a", "google-bert/bert-base-uncased")});
  CHECK(stats.updated == 1);
  CHECK(stats.inserted == 0);
  CHECK(store->RecordCount("huggingface") == 1);

  size_t visited = 0;
  uint64_t position = 0;
  REQUIRE(store->ScanRecords(
                   [&](std::string_view, const Record& r) {
                     ++visited;
                     CHECK(r.name == "google-bert/bert-base-uncased");
                     return mltrend::Status::Ok();
                   },
                   position)
              .ok());
  CHECK(visited == 1);

  const auto changes = AllChanges(*store);
  REQUIRE(changes.size() == 2);
  CHECK(changes[1].before->name == "bert-base-uncased");
  CHECK(changes[1].after->name == "google-bert/bert-base-uncased");
}

TEST_CASE("change-log sequences grow strictly across sources with correct sides", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "huggingface", {Simple("a", "A1"), Simple("b", "B1")});
  Commit(*store, "github", {Simple("a", "GA1")});  // same id, other source: separate record
  Commit(*store, "huggingface", {Simple("a", "A2")});
  Commit(*store, "github", {Simple("a", "GA2"), Simple("z", "Z")});

  const auto changes = AllChanges(*store);
  REQUIRE(changes.size() == 6);
  for (size_t i = 0; i < changes.size(); ++i) CHECK(changes[i].seq == i + 1);
  CHECK(store->LastSequence() == 6);

  CHECK(changes[2].source == "github");
  CHECK_FALSE(changes[2].before.has_value());
  CHECK(changes[2].after->name == "GA1");
  CHECK(changes[3].source == "huggingface");
  CHECK(changes[3].id == "a");
  CHECK(changes[3].before->name == "A1");
  CHECK(changes[3].after->name == "A2");
  CHECK(changes[4].source == "github");
  CHECK(changes[4].before->name == "GA1");
  CHECK(changes[4].after->name == "GA2");
  CHECK(store->RecordCount("huggingface") == 2);
  CHECK(store->RecordCount("github") == 2);
}

TEST_CASE("concurrent commits keep sequences dense and in commit order", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  constexpr int kThreads = 4;
  constexpr int kPages = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};  // Catch2 assertions are not thread-safe
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string source = "source" + std::to_string(t);
      for (int p = 0; p < kPages; ++p) {
        mltrendd::CommitStats stats;
        auto status = store->CommitPage(
            source, {Simple(std::to_string(p) + "a", "x"), Simple(std::to_string(p) + "b", "y")},
            std::to_string(p), stats);
        if (!status.ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(failures == 0);
  const auto changes = AllChanges(*store);
  REQUIRE(changes.size() == kThreads * kPages * 2);
  for (size_t i = 0; i < changes.size(); ++i) REQUIRE(changes[i].seq == i + 1);
  // A page's two entries are adjacent: no other commit interleaved.
  for (size_t i = 0; i < changes.size(); i += 2) CHECK(changes[i].source == changes[i + 1].source);
  std::string report;
  CHECK(store->Verify(report).ok());
}

TEST_CASE("checkpoint and records persist across close and reopen", "[store]") {
  mltrend_test::TempDir dir;
  {
    auto store = OpenStore(dir.path());
    Commit(*store, "paperswithcode", {Simple("p1", "one"), store_test::FullRecord()}, "offset=2");
  }
  auto store = OpenStore(dir.path());
  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("paperswithcode", checkpoint).ok());
  CHECK(checkpoint == "offset=2");
  CHECK(store->RecordCount("paperswithcode") == 2);
  CHECK(store->LastSequence() == 2);
  std::optional<Record> full;
  REQUIRE(store->GetRecord("paperswithcode", store_test::FullRecord().id, full).ok());
  REQUIRE(full.has_value());
  CHECK(*full == store_test::FullRecord());
  // Sequences continue after the reopen.
  CHECK(Commit(*store, "paperswithcode", {Simple("p2", "two")}).last_sequence == 3);
}

TEST_CASE("an empty page still stores its checkpoint", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  auto stats = Commit(*store, "github", {}, "etag-1");
  CHECK(stats.inserted + stats.updated + stats.unchanged == 0);
  CHECK(stats.last_sequence == 0);
  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("github", checkpoint).ok());
  CHECK(checkpoint == "etag-1");
}

TEST_CASE("CommitPage refuses a source name with a separator byte", "[store]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  mltrendd::CommitStats stats;
  CHECK(store->CommitPage(std::string_view("a\0b", 3), {Simple("1", "x")}, "", stats).code() ==
        mltrend::StatusCode::kInvalidInput);
  CHECK(store->CommitPage("", {Simple("1", "x")}, "", stats).code() ==
        mltrend::StatusCode::kInvalidInput);
  CHECK(store->LastSequence() == 0);
}

TEST_CASE("source state commits with its page, survives reopen and is per source", "[store]") {
  mltrend_test::TempDir dir;
  {
    auto store = OpenStore(dir.path());
    mltrendd::CommitStats stats;
    mltrendd::SourceStateChanges state{{"etag /search?q=a", std::string("W/\"abc\"")}, {"dump", std::string("size=1")}};
    REQUIRE(store->CommitPage("github", {Simple("1", "x/y")}, "cp", stats, state).ok());
    // A second page erases one key and replaces the other, in the same batch.
    state = {{"dump", std::nullopt}, {"etag /search?q=a", std::string("\"def\"")}};
    REQUIRE(store->CommitPage("github", {}, "cp2", stats, state).ok());
    REQUIRE(store->CommitPage("gh", {}, "", stats, {{"dump", std::string("other")}}).ok());
  }
  auto store = OpenStore(dir.path());
  std::optional<std::string> value;
  REQUIRE(store->GetSourceState("github", "etag /search?q=a", value).ok());
  CHECK(value == std::string("\"def\""));
  REQUIRE(store->GetSourceState("github", "dump", value).ok());
  CHECK_FALSE(value.has_value());
  REQUIRE(store->GetSourceState("gh", "dump", value).ok());
  CHECK(value == std::string("other"));
  // State keys never shadow the checkpoint stored under the bare name.
  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("github", checkpoint).ok());
  CHECK(checkpoint == "cp2");
}
