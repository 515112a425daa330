//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_disk_full_test.cpp
//===----------------------------------------------------------------------===//
// The store on a real volume that fills up (a 16 MiB tmpfs): the page that
// finds no space fails whole with a message naming state_dir and its free
// space, reads keep working, Health() says so, and once space returns the
// next write resumes RocksDB by itself. Debian's librocksdb asserts (and
// aborted the process) when its own LOG writer failed: this test is also
// what shows StoreInfoLog keeps the process alive.
#include "mltrend_test/small_volume.hpp"
#include "store_test_util.hpp"

using store_test::Commit;
using store_test::OpenStore;
using store_test::Simple;

namespace {

constexpr uint64_t kVolumeBytes = 16u << 20;

//! Page `n` of a source: 200 records with ids "p<n>-<i>".
std::vector<mltrend::Record> Page(int n) {
  std::vector<mltrend::Record> page;
  for (int i = 0; i < 200; ++i) {
    const std::string id = "p" + std::to_string(n) + "-" + std::to_string(i);
    page.push_back(Simple(id, "org/" + id));
  }
  return page;
}

}  // namespace

TEST_CASE("a full volume fails a page whole, and writes resume once space returns", "[diskfull]") {
  mltrend_test::SmallVolume volume(kVolumeBytes);
  const auto state = volume / "state";
  auto store = OpenStore(state);
  for (int n = 1; n <= 3; ++n) Commit(*store, "hf", Page(n), "cp" + std::to_string(n));
  const uint64_t head = store->LastSequence();
  CHECK(head == 600);

  const auto filler = volume / "filler";
  CHECK(volume.Fill(filler) > 0);
  CHECK(volume.FreeBytes() == 0);

  const std::string full_prefix = "state_dir " + state.string() + ": cannot commit a page of source hf: ";
  const std::string no_space = "(0 bytes free of " + std::to_string(kVolumeBytes) + " on " + state.string() + "): ";
  mltrendd::CommitStats stats;
  auto s = store->CommitPage("hf", Page(4), "cp4", stats);
  INFO(s.message());
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(full_prefix + "the store's volume is full " + no_space + "IO error: No space left on device") == 0);
  CHECK(stats.inserted == 0);

  // Nothing of page 4; pages 1-3 whole; reads work.
  CHECK(store->RecordCount("hf") == 600);
  CHECK(store->LastSequence() == head);
  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("hf", checkpoint).ok());
  CHECK(checkpoint == "cp3");
  std::optional<mltrend::Record> record;
  REQUIRE(store->GetRecord("hf", "p4-0", record).ok());
  CHECK_FALSE(record.has_value());
  REQUIRE(store->GetRecord("hf", "p3-199", record).ok());
  CHECK(record.has_value());

  auto health = store->Health();
  CHECK(health.write_errors == 1);
  CHECK(health.disk_full);
  CHECK(health.last_error == s.message());

  // Still full: the resume before the next write fails the same way.
  s = store->CommitPage("hf", Page(4), "cp4", stats);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(full_prefix.substr(0, full_prefix.size() - 2) +
                         " (the store stays read-only since an earlier write failed): the store's volume is full " +
                         no_space) == 0);
  CHECK(store->PutMeta("k", "v").message().find("state_dir " + state.string() + ": cannot write meta key k") == 0);
  health = store->Health();
  CHECK(health.write_errors == 3);
  CHECK(health.disk_full);

  std::filesystem::remove(filler);
  Commit(*store, "hf", Page(4), "cp4");
  health = store->Health();
  CHECK(health.write_errors == 3);
  CHECK_FALSE(health.disk_full);
  CHECK(health.last_error.empty());
  CHECK(store->RecordCount("hf") == 800);
  CHECK(store->LastSequence() == 800);
  REQUIRE(store->PutMeta("k", "v").ok());

  // As an uninterrupted store would be, also after a reopen.
  store.reset();
  store = OpenStore(state);
  CHECK(store->RecordCount("hf") == 800);
  CHECK(store->LastSequence() == 800);
  REQUIRE(store->GetCheckpoint("hf", checkpoint).ok());
  CHECK(checkpoint == "cp4");
  std::string report;
  const auto verified = store->Verify(report);
  INFO(report);
  CHECK(verified.ok());
}

TEST_CASE("a store on a full volume is refused at open naming the free space, and opens once space returns",
          "[diskfull]") {
  mltrend_test::SmallVolume volume(kVolumeBytes);
  const auto state = volume / "state";
  { Commit(*OpenStore(state), "hf", Page(1), "cp1"); }
  const auto filler = volume / "filler";
  CHECK(volume.Fill(filler) > 0);
  std::unique_ptr<mltrendd::Store> store;
  const auto s = mltrendd::Store::Open(state, {}, store);
  INFO(s.message());
  REQUIRE_FALSE(s.ok());
  CHECK(store == nullptr);
  CHECK(s.message().find("state_dir " + state.string() + " cannot be opened: its volume is full (0 bytes free of " +
                         std::to_string(kVolumeBytes) + " on " + state.string() + "): IO error: No space left on device") == 0);
  std::filesystem::remove(filler);
  store = OpenStore(state);
  CHECK(store->RecordCount("hf") == 200);
  std::string checkpoint;
  REQUIRE(store->GetCheckpoint("hf", checkpoint).ok());
  CHECK(checkpoint == "cp1");
}
