//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_test_util.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <functional>

#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include "mltrend/record.hpp"
#include "mltrendd/store/store.hpp"

namespace store_test {

//! A record with every field set, including bytes a naive codec would trip
//! on (NUL, high bytes, negative and extreme metrics).
inline mltrend::Record FullRecord(const std::string& id = std::string("5f1a\0b9c", 8)) {
  mltrend::Record r;
  r.id = id;
  r.name = "google-bert/bert-base-uncased";
  r.date = "2022-03-02T23:29:04.000Z";
  r.period_override = "pre-2022-03";
  r.tags = {"pytorch", "tf", "jax", std::string("odd\0tag\xff", 8), ""};
  r.library_names = {"transformers", "timm"};
  r.topics = {"deep-learning"};
  r.declared = {"PyTorch"};
  r.metrics = {{"downloads", 123456789012345}, {"likes", 0}, {"delta", -42},
               {"min", INT64_MIN}, {"max", INT64_MAX}};
  r.attrs = {{"pipeline_tag", "fill-mask"}, {"library_name", "transformers"}, {"empty", ""}};
  return r;
}

//! A record with only an id and a name (what most tests upsert).
inline mltrend::Record Simple(const std::string& id, const std::string& name,
                              const std::string& tag = "pytorch") {
  mltrend::Record r;
  r.id = id;
  r.name = name;
  r.tags = {tag};
  return r;
}

inline std::unique_ptr<mltrendd::Store> OpenStore(const std::filesystem::path& dir,
                                                  mltrendd::StoreOptions options = {}) {
  std::unique_ptr<mltrendd::Store> store;
  const auto status = mltrendd::Store::Open(dir, options, store);
  INFO(status.message());
  REQUIRE(status.ok());
  REQUIRE(store != nullptr);
  return store;
}

inline mltrendd::CommitStats Commit(mltrendd::Store& store, const std::string& source,
                                    const std::vector<mltrend::Record>& records,
                                    const std::string& checkpoint = "cp") {
  mltrendd::CommitStats stats;
  const auto status = store.CommitPage(source, records, checkpoint, stats);
  INFO(status.message());
  REQUIRE(status.ok());
  return stats;
}

//! Opens the store's RocksDB directly, to plant damage the Store API refuses
//! to write. `write(db, families)` runs with handles in the order named.
inline void WithRawDb(const std::filesystem::path& dir,
                      const std::function<void(rocksdb::DB&, std::vector<rocksdb::ColumnFamilyHandle*>&)>& write) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : {"default", "records", "checkpoints", "changelog", "sinks", "meta"}) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  CHECK(names.size() == descriptors.size());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const auto s = rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), descriptors, &handles, &raw);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  write(*db, handles);
  for (auto* h : handles) REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
  REQUIRE(db->Close().ok());
}

}  // namespace store_test
