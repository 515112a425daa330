//===----------------------------------------------------------------------===//
// tests/crash — verify_aggregates_test.cpp
//===----------------------------------------------------------------------===//
// `mltrendd --verify` finds what a crash (or a bug, or a disk) could leave
// behind: a sink aggregate that differs from a full recompute, and a
// checkpoint no page commit wrote.
#include <catch2/catch.hpp>

#include <rocksdb/db.h>

#include "crash_support.hpp"
#include "e2e_support.hpp"
#include "mltrendd/store/store.hpp"

namespace fs = std::filesystem;
using mltrend_test::FixturePath;

namespace {

struct Verified {
  int status = -1;
  std::string out;
};

Verified RunVerify(const fs::path& config) {
  mltrend_test::ChildProcess verify({e2e::DaemonBinary().string(), "--verify", "--config", config.string()});
  Verified v;
  v.status = verify.Wait();
  v.out = verify.Stdout() + verify.Stderr();
  return v;
}

//! A Papers with Code store folded by the "trends" sink, in `dir`.
fs::path FoldedStore(const mltrend_test::TempDir& dir) {
  const auto dump = dir / "links.json.gz";
  std::string out;
  REQUIRE(mltrend_test::RunCommand({"python3", FixturePath("../tools/pwc_csv_to_dump.py").string(),
                                    FixturePath("paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz").string(),
                                    dump.string(), "--gzip"},
                                   out) == 0);
  const fs::path config = dir / "mltrend.toml";
  mltrend_test::WriteFile(config, "[daemon]\nstate_dir = \"" + (dir / "state").string() + "\"\nsocket = \"" +
                                      (dir / "mltrend.sock").string() + "\"\nplugin_dir = \"" +
                                      mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                                      "\"\n\n[[source]]\nname = \"pwc\"\nplugin = \"paperswithcode\"\nlinks = \"" +
                                      dump.string() + "\"\n\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\n"
                                      "rules = \"" + e2e::ShippedRules().string() + "\"\n");
  std::string err;
  mltrend_test::ChildProcess once({e2e::DaemonBinary().string(), "--once", "--config", config.string()});
  const int status = once.Wait();
  INFO(once.Stderr());
  REQUIRE(status == 0);
  return config;
}

}  // namespace

TEST_CASE("mltrendd --verify compares each sink's aggregates with a full recompute and reports a corrupted one") {
  mltrend_test::TempDir dir;
  const fs::path config = FoldedStore(dir);
  Verified clean = RunVerify(config);
  INFO(clean.out);
  REQUIRE(clean.status == 0);
  CHECK(clean.out.find("sink trends: ") != std::string::npos);
  CHECK(clean.out.find("aggregates compared with a full recompute") != std::string::npos);

  // Change one digit of one stored cell, keeping the cursor: the store is
  // sound, the sink's figure is wrong.
  std::string key, value;
  {
    std::unique_ptr<mltrendd::Store> store;
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    REQUIRE(store->ScanSinkState("trends", "cell/pwc/", [&](std::string_view k, std::string_view v) {
                     if (key.empty()) key = k, value = v;
                   }).ok());
    REQUIRE_FALSE(key.empty());
    const size_t digit = value.find_first_of("0123456789");
    REQUIRE(digit != std::string::npos);
    std::string bad = value;
    bad[digit] = static_cast<char>('0' + (bad[digit] - '0' + 1) % 10);
    uint64_t cursor = 0;
    REQUIRE(store->GetSinkCursor("trends", cursor).ok());
    mltrend::StateBatch batch;
    batch.Put(key, bad);
    REQUIRE(store->CommitSink("trends", batch, cursor).ok());
  }
  Verified corrupted = RunVerify(config);
  INFO(corrupted.out);
  CHECK(corrupted.status == 1);
  CHECK(corrupted.out.find("problem: sink trends: aggregate " + key + " is '") != std::string::npos);
  CHECK(corrupted.out.find("but a full recompute gives '") != std::string::npos);

  // A missing cell is reported as missing.
  {
    std::unique_ptr<mltrendd::Store> store;
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    uint64_t cursor = 0;
    REQUIRE(store->GetSinkCursor("trends", cursor).ok());
    mltrend::StateBatch batch;
    batch.Delete(key);
    REQUIRE(store->CommitSink("trends", batch, cursor).ok());
  }
  Verified missing = RunVerify(config);
  INFO(missing.out);
  CHECK(missing.status == 1);
  CHECK(missing.out.find("problem: sink trends: aggregate " + key + " is missing") != std::string::npos);
}

TEST_CASE("mltrendd --verify reports a checkpoint that no page commit wrote") {
  mltrend_test::TempDir dir;
  const fs::path config = FoldedStore(dir);
  REQUIRE(RunVerify(config).status == 0);
  {
    // Written behind the store's back, as damage would: RocksDB directly.
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::Options(), (dir / "state").string(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), (dir / "state").string(), descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "checkpoints") REQUIRE(db->Put(rocksdb::WriteOptions(), handles[i], "ghost", "page 7").ok());
    }
    for (auto* handle : handles) REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  Verified v = RunVerify(config);
  INFO(v.out);
  CHECK(v.status == 1);
  CHECK(v.out.find("problem: checkpoint key 'ghost' belongs to no source that committed a page") != std::string::npos);
}
