//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_changes_test.cpp
//===----------------------------------------------------------------------===//
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "mltrend_test/test_support.hpp"
#include "store_test_util.hpp"

using mltrend::Change;
using mltrend::Record;
using store_test::Commit;
using store_test::OpenStore;
using store_test::Simple;

namespace {

std::vector<Record> Numbered(int from, int to, const std::string& name = "n") {
  std::vector<Record> out;
  for (int i = from; i < to; ++i) out.push_back(Simple("id" + std::to_string(i), name));
  return out;
}

}  // namespace

TEST_CASE("ReadChanges pages through the log with max", "[changes]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "huggingface", Numbered(0, 7));
  REQUIRE(store->LastSequence() == 7);

  std::vector<uint64_t> seen;
  uint64_t cursor = 0;
  size_t pages = 0;
  while (true) {
    std::vector<Change> page;
    REQUIRE(store->ReadChanges(cursor, 3, page).ok());
    if (page.empty()) break;
    ++pages;
    CHECK(page.size() <= 3);
    for (const auto& c : page) seen.push_back(c.seq);
    cursor = page.back().seq;
  }
  CHECK(pages == 3);  // 3 + 3 + 1
  CHECK(seen == std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7});

  std::vector<Change> out{Change{}};  // appends, keeps what was there
  REQUIRE(store->ReadChanges(5, 100, out).ok());
  REQUIRE(out.size() == 3);
  CHECK(out[1].seq == 6);
  CHECK(out[2].seq == 7);

  std::vector<Change> none;
  REQUIRE(store->ReadChanges(7, 100, none).ok());
  CHECK(none.empty());
  REQUIRE(store->ReadChanges(0, 0, none).ok());
  CHECK(none.empty());
}

TEST_CASE("ScanRecords sees every record and reports LastSequence", "[changes]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "huggingface", Numbered(0, 50));
  Commit(*store, "github", Numbered(0, 20));
  Commit(*store, "huggingface", Numbered(10, 20, "renamed"));

  std::map<std::string, std::set<std::string>> seen;
  size_t renamed = 0;
  uint64_t position = 0;
  const auto status = store->ScanRecords(
      [&](std::string_view source, const Record& record) {
        seen[std::string(source)].insert(record.id);
        if (record.name == "renamed") ++renamed;
        return mltrend::Status::Ok();
      },
      position);
  REQUIRE(status.ok());
  CHECK(position == store->LastSequence());
  CHECK(position == 80);
  CHECK(seen["huggingface"].size() == 50);
  CHECK(seen["github"].size() == 20);
  CHECK(renamed == 10);
}

TEST_CASE("ScanRecords stops at the visitor's first error", "[changes]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  Commit(*store, "huggingface", Numbered(0, 10));
  size_t visited = 0;
  uint64_t position = 0;
  const auto status = store->ScanRecords(
      [&](std::string_view, const Record&) {
        return ++visited == 3 ? mltrend::Status::Cancelled("stop") : mltrend::Status::Ok();
      },
      position);
  CHECK(status.code() == mltrend::StatusCode::kCancelled);
  CHECK(visited == 3);
}

TEST_CASE("ScanRecords position matches the records it saw while commits run", "[changes]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    // Each page inserts one new record: sequence n <=> n records.
    for (int i = 0; i < 300 && !stop; ++i) {
      mltrendd::CommitStats stats;
      if (!store->CommitPage("github", {Simple("r" + std::to_string(i), "x")}, "", stats).ok()) ++failures;
    }
  });
  for (int round = 0; round < 20; ++round) {
    uint64_t count = 0;
    uint64_t position = 0;
    REQUIRE(store->ScanRecords([&](std::string_view, const Record&) {
                    ++count;
                    return mltrend::Status::Ok();
                  },
                  position)
                .ok());
    CHECK(position == count);
  }
  stop = true;
  writer.join();
  CHECK(failures == 0);
}

TEST_CASE("PruneChangeLog keeps later entries and LastSequence survives reopen", "[changes]") {
  mltrend_test::TempDir dir;
  {
    auto store = OpenStore(dir.path());
    Commit(*store, "huggingface", Numbered(0, 10));
    REQUIRE(store->PruneChangeLog(4).ok());
    std::vector<Change> rest;
    REQUIRE(store->ReadChanges(0, 100, rest).ok());
    REQUIRE(rest.size() == 6);
    CHECK(rest.front().seq == 5);
    CHECK(rest.back().seq == 10);
    CHECK(store->LastSequence() == 10);

    // Pruning everything, even past the end, empties the log and nothing more.
    REQUIRE(store->PruneChangeLog(1'000).ok());
    rest.clear();
    REQUIRE(store->ReadChanges(0, 100, rest).ok());
    CHECK(rest.empty());
    CHECK(store->LastSequence() == 10);
  }
  auto store = OpenStore(dir.path());
  CHECK(store->LastSequence() == 10);
  uint64_t position = 0;
  REQUIRE(store->ScanRecords([](std::string_view, const Record&) { return mltrend::Status::Ok(); },
                             position)
              .ok());
  CHECK(position == 10);
  auto stats = Commit(*store, "huggingface", Numbered(10, 11));
  CHECK(stats.last_sequence == 11);
  std::vector<Change> after;
  REQUIRE(store->ReadChanges(0, 100, after).ok());
  REQUIRE(after.size() == 1);
  CHECK(after[0].seq == 11);
  std::string report;
  CHECK(store->Verify(report).ok());
}

TEST_CASE("a change log pruned after each page leaves no bytes behind on disk", "[changes]") {
  mltrend_test::TempDir dir;
  uint64_t with_log = 0;
  {
    auto store = OpenStore(dir.path());
    for (int page = 0; page < 40; ++page) {
      std::vector<Record> records = Numbered(page * 1000, (page + 1) * 1000);
      for (auto& r : records) r.attrs["padding"] = std::string(200, 'p');
      Commit(*store, "huggingface", records);
      // What the daemon does after every fold that reached the head.
      REQUIRE(store->PruneChangeLog(store->LastSequence()).ok());
    }
    with_log = store->ApproximateSizeBytes();
    // Running, the log holds at most the memtable PruneChangeLog writes out
    // at 4 MB (its files are dropped), not the 9 MB written.
    CHECK(store->ChangeLogBytes() < 5 * 1024 * 1024);
  }
  auto store = OpenStore(dir.path());
  std::vector<Change> rest;
  REQUIRE(store->ReadChanges(0, 10, rest).ok());
  CHECK(rest.empty());
  INFO("store " << store->ApproximateSizeBytes() << " bytes, " << with_log << " before the restart");
  // 40,000 changes of over 200 bytes each were written: some 9 MB.
  CHECK(store->ChangeLogBytes() < 64 * 1024);
}
