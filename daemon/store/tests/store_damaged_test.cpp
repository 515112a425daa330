//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_damaged_test.cpp
//===----------------------------------------------------------------------===//
// A damaged store on open: each kind of damage is refused with a message
// naming the file and what to do, the damaged file is left as it was, and
// nothing is opened as an empty store. A WAL whose last record is torn (a
// kill mid-write) is the one damage accepted.
#include <filesystem>
#include <fstream>

#include "mltrend_test/test_support.hpp"
#include "store_test_util.hpp"

namespace fs = std::filesystem;
using store_test::Commit;
using store_test::OpenStore;
using store_test::Simple;
using store_test::WithRawDb;

namespace {

//! What every refusal of a damaged store says, whatever the file.
constexpr const char* kRefused = " is damaged and was not opened: ";
constexpr const char* kWhatToDo =
    "No store file was changed. Restore state_dir from a backup and check it with `mltrendd --verify`, or move "
    "state_dir aside to start an empty store that the sources refill from the beginning.";

//! A store of two sources, closed (so flushed into table files).
void WriteStore(const fs::path& dir) {
  auto store = OpenStore(dir);
  std::vector<mltrend::Record> page;
  for (int i = 0; i < 500; ++i) page.push_back(Simple("id" + std::to_string(i), "org/model-" + std::to_string(i)));
  Commit(*store, "hf", page, "cp1");
  Commit(*store, "gh", {Simple("1", "a/b")}, "cp2");
}

//! The files of `dir` whose names end with `suffix`, in name order.
std::vector<fs::path> FilesEnding(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

//! The MANIFEST file that CURRENT names.
fs::path Manifest(const fs::path& dir) {
  std::string name = mltrend_test::ReadFile(dir / "CURRENT");
  REQUIRE(!name.empty());
  name.pop_back();
  return dir / name;
}

//! Overwrites `count` bytes at `offset` with a pattern no checksum matches.
void Garble(const fs::path& file, size_t offset, size_t count) {
  std::string bytes = mltrend_test::ReadFile(file);
  REQUIRE(offset + count <= bytes.size());
  for (size_t i = 0; i < count; ++i) bytes[offset + i] = static_cast<char>(bytes[offset + i] ^ 0x5a);
  mltrend_test::WriteFile(file, bytes);
}

//! Store::Open fails; returns its message (and REQUIREs no store came back).
std::string RefusedOpen(const fs::path& dir) {
  std::unique_ptr<mltrendd::Store> store;
  const auto status = mltrendd::Store::Open(dir, {}, store);
  INFO(status.message());
  REQUIRE_FALSE(status.ok());
  REQUIRE(store == nullptr);
  return status.message();
}

}  // namespace

TEST_CASE("a truncated table file is refused, naming it", "[open][damaged]") {
  mltrend_test::TempDir dir;
  WriteStore(dir.path());
  const auto tables = FilesEnding(dir.path(), ".sst");
  REQUIRE(!tables.empty());
  const fs::path victim = tables.back();
  fs::resize_file(victim, fs::file_size(victim) / 2);
  const std::string before = mltrend_test::ReadFile(victim);
  const std::string message = RefusedOpen(dir.path());
  CHECK(message.find("state_dir " + dir.path().string() + kRefused + victim.string() +
                     " is damaged (RocksDB: Corruption: file is too short (") == 0);
  CHECK_THAT(message, Catch::EndsWith(kWhatToDo));
  CHECK(mltrend_test::ReadFile(victim) == before);
}

TEST_CASE("a garbled MANIFEST is refused, naming it", "[open][damaged]") {
  mltrend_test::TempDir dir;
  WriteStore(dir.path());
  const fs::path manifest = Manifest(dir.path());
  Garble(manifest, 40, 16);
  const std::string before = mltrend_test::ReadFile(manifest);
  const std::string message = RefusedOpen(dir.path());
  CHECK(message.find("state_dir " + dir.path().string() + kRefused + manifest.string() +
                     " is damaged (RocksDB: Corruption: ") == 0);
  CHECK_THAT(message, Catch::EndsWith(kWhatToDo));
  CHECK(mltrend_test::ReadFile(manifest) == before);
}

TEST_CASE("a garbled CURRENT is refused, naming it", "[open][damaged]") {
  mltrend_test::TempDir dir;
  WriteStore(dir.path());
  mltrend_test::WriteFile(dir / "CURRENT", "MANIFEST-00x005\n");
  const std::string message = RefusedOpen(dir.path());
  CHECK(message.find("state_dir " + dir.path().string() + kRefused + (dir / "CURRENT").string() +
                     " does not name an existing MANIFEST file (RocksDB: ") == 0);
  CHECK_THAT(message, Catch::EndsWith(kWhatToDo));
  CHECK(mltrend_test::ReadFile(dir / "CURRENT") == "MANIFEST-00x005\n");
}

TEST_CASE("store files without CURRENT are refused, not opened as an empty store", "[open][damaged]") {
  mltrend_test::TempDir dir;
  WriteStore(dir.path());
  fs::remove(dir / "CURRENT");
  const std::string message = RefusedOpen(dir.path());
  CHECK(message.find("state_dir " + dir.path().string() + kRefused + (dir / "CURRENT").string() +
                     " is missing but store files such as " + dir.path().string() + "/") == 0);
  CHECK_THAT(message, Catch::Contains(" are there (opening would start an empty store over them). "));
  CHECK_THAT(message, Catch::EndsWith(kWhatToDo));
  CHECK_FALSE(fs::exists(dir / "CURRENT"));
}

namespace {

//! A closed store whose newest WAL holds three unflushed batches, each one
//! meta key ("w1", "w2", "w3" with 100-byte values); returns that WAL.
fs::path StoreWithWal(const fs::path& dir) {
  WriteStore(dir);
  WithRawDb(dir, [](rocksdb::DB& db, std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
    for (const char* key : {"w1", "w2", "w3"}) REQUIRE(db.Put(rocksdb::WriteOptions(), cf[5], key, std::string(100, 'v')).ok());
  });
  const auto wals = FilesEnding(dir, ".log");
  REQUIRE(!wals.empty());
  REQUIRE(fs::file_size(wals.back()) > 300);
  return wals.back();
}

}  // namespace

TEST_CASE("a WAL with a damaged record before its end is refused, naming it", "[open][damaged]") {
  mltrend_test::TempDir dir;
  const fs::path wal = StoreWithWal(dir.path());
  // Inside the first record's payload: its checksum no longer matches, and
  // two whole records follow it.
  Garble(wal, 30, 8);
  const std::string before = mltrend_test::ReadFile(wal);
  const std::string message = RefusedOpen(dir.path());
  CHECK(message.find("state_dir " + dir.path().string() + kRefused + wal.string() +
                     " has a damaged record before its end (a torn last record alone would be accepted): " +
                     wal.string() + ": dropping ") == 0);
  CHECK_THAT(message, Catch::Contains(" bytes; Corruption: checksum mismatch (RocksDB: Corruption: checksum mismatch). "));
  CHECK_THAT(message, Catch::EndsWith(kWhatToDo));
  CHECK(mltrend_test::ReadFile(wal) == before);
}

TEST_CASE("a WAL whose last record is torn opens with every whole record", "[open][damaged]") {
  mltrend_test::TempDir dir;
  const fs::path wal = StoreWithWal(dir.path());
  fs::resize_file(wal, fs::file_size(wal) - 20);
  auto store = OpenStore(dir.path());
  std::optional<std::string> value;
  REQUIRE(store->GetMeta("w1", value).ok());
  CHECK(value == std::string(100, 'v'));
  REQUIRE(store->GetMeta("w2", value).ok());
  CHECK(value == std::string(100, 'v'));
  REQUIRE(store->GetMeta("w3", value).ok());
  CHECK(value == std::nullopt);
  CHECK(store->RecordCount("hf") == 500);
  CHECK(store->RecordCount("gh") == 1);
}
