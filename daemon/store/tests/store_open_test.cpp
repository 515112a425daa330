//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_open_test.cpp
//===----------------------------------------------------------------------===//
#include "mltrend_test/test_support.hpp"
#include "mltrendd/store/record_codec.hpp"
#include "store_test_util.hpp"

using store_test::Commit;
using store_test::OpenStore;
using store_test::Simple;
using store_test::WithRawDb;

TEST_CASE("Open creates the directory and every column family", "[open]") {
  mltrend_test::TempDir dir;
  const auto state = dir / "nested" / "state";
  { OpenStore(state); }
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), state.string(), &names).ok());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"changelog", "checkpoints", "default", "meta", "records", "sinks"});
}

TEST_CASE("a second Open of the same directory fails naming it", "[open]") {
  mltrend_test::TempDir dir;
  auto first = OpenStore(dir.path());
  std::unique_ptr<mltrendd::Store> second;
  const auto status = mltrendd::Store::Open(dir.path(), {}, second);
  CHECK_FALSE(status.ok());
  CHECK(second == nullptr);
  CHECK_THAT(status.message(), Catch::Contains(dir.path().string()));
  CHECK_THAT(status.message(), Catch::Contains("in use by another mltrendd"));
  first.reset();
  // Once the first is closed the directory opens again.
  OpenStore(dir.path());
}

TEST_CASE("Open names the directory when it cannot be created", "[open]") {
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "file", "not a directory");
  std::unique_ptr<mltrendd::Store> store;
  const auto status = mltrendd::Store::Open(dir / "file" / "state", {}, store);
  CHECK_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains((dir / "file" / "state").string()));
}

TEST_CASE("Open refuses a store written by a newer schema", "[open]") {
  mltrend_test::TempDir dir;
  { Commit(*OpenStore(dir.path()), "github", {Simple("1", "x")}); }
  WithRawDb(dir.path(), [](rocksdb::DB& db, std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
    REQUIRE(db.Put(rocksdb::WriteOptions(), cf[5], "store.schema_version", "2").ok());
  });
  std::unique_ptr<mltrendd::Store> store;
  const auto status = mltrendd::Store::Open(dir.path(), {}, store);
  CHECK(status.code() == mltrend::StatusCode::kInvalidInput);
  CHECK_THAT(status.message(), Catch::Contains("schema version 2"));
  CHECK_THAT(status.message(), Catch::Contains(dir.path().string()));
}

TEST_CASE("a synced store keeps its pages and Verify passes on a good store", "[open]") {
  mltrend_test::TempDir dir;
  mltrendd::StoreOptions options;
  options.sync = true;
  {
    auto store = OpenStore(dir.path(), options);
    Commit(*store, "huggingface", {store_test::FullRecord(), Simple("a", "A")});
    Commit(*store, "github", {Simple("a", "A")});
    mltrend::StateBatch batch;
    batch.Put("k", "v");
    REQUIRE(store->CommitSink("share", batch, 3).ok());
  }
  auto store = OpenStore(dir.path());
  std::string report;
  const auto status = store->Verify(report);
  INFO(report);
  CHECK(status.ok());
  CHECK_THAT(report, Catch::Contains("3 records in 2 sources"));
  CHECK_THAT(report, Catch::Contains("0 problems"));
}

TEST_CASE("Verify reports damaged values, wrong counts and a cursor ahead of the log", "[open]") {
  mltrend_test::TempDir dir;
  {
    auto store = OpenStore(dir.path());
    Commit(*store, "huggingface", {Simple("a", "A"), Simple("b", "B")});
    REQUIRE(store->CommitSink("share", mltrend::StateBatch{}, 50).ok());
  }
  WithRawDb(dir.path(), [](rocksdb::DB& db, std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
    const rocksdb::WriteOptions w;
    REQUIRE(db.Put(w, cf[1], std::string("huggingface\0a", 13), "\x01garbage").ok());
    REQUIRE(db.Put(w, cf[1], std::string("github\0z", 8), [] {
      std::string bytes;
      mltrendd::EncodeRecord(Simple("z", "Z"), bytes);
      return bytes;
    }()).ok());
    REQUIRE(db.Put(w, cf[3], std::string("\0\0\0\0\0\0\0\2", 8), "\x05").ok());
  });
  auto store = OpenStore(dir.path());
  std::string report;
  const auto status = store->Verify(report);
  INFO(report);
  CHECK(status.code() == mltrend::StatusCode::kInternal);
  CHECK_THAT(report, Catch::Contains("record 'a' of source huggingface does not decode"));
  CHECK_THAT(report, Catch::Contains("source github has 1 records but its count says 0"));
  CHECK_THAT(report, Catch::Contains("change-log entry 2 does not decode"));
  CHECK_THAT(report, Catch::Contains("sink share has cursor 50 past the last sequence 2"));
  CHECK_THAT(report, Catch::Contains("4 problems"));
}
