//===----------------------------------------------------------------------===//
// mltrendd — store/store_open.cpp
//===----------------------------------------------------------------------===//
// Opening and closing the store: column families, tuning, schema check and
// recovery of the change-log sequence.
#include <algorithm>
#include <system_error>

#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include "store_impl.hpp"
#include "store_info_log.hpp"

namespace mltrendd {

namespace {

constexpr const char* kRecordsCf = "records";
constexpr const char* kCheckpointsCf = "checkpoints";
constexpr const char* kChangelogCf = "changelog";
constexpr const char* kSinksCf = "sinks";
constexpr const char* kMetaCf = "meta";

rocksdb::Options BaseOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.max_background_jobs = 2;  // the target machines have two cores
  o.bytes_per_sync = 1 << 20;
  // A rarely written family (meta, checkpoints) pins every WAL file it has
  // data in; this bound makes RocksDB flush it instead of keeping gigabytes.
  o.max_total_wal_size = 256ull << 20;
  o.keep_log_file_num = 4;
  o.max_log_file_size = 16ull << 20;
  // One budget for the memtables of every family together (each would
  // otherwise keep up to 2 x 64 MB): bounds their share of peak RSS.
  o.db_write_buffer_size = 64ull << 20;
  return o;
}

//! Table options every family shares: XXH3 block checksums, computed with
//! SIMD, where Debian's RocksDB computes the default CRC32c in software
//! (6% of an ingest's profile).
rocksdb::BlockBasedTableOptions TableOptions() {
  rocksdb::BlockBasedTableOptions table;
  table.checksum = rocksdb::kXXH3;
  return table;
}

//! A family with the shared table options. LZ4 compresses the short keys
//! and small values of the state and checkpoints about as well as Snappy
//! for less CPU. An SST file records its own compression and checksum, so
//! stores written with other options open and read as before.
rocksdb::ColumnFamilyOptions FamilyOptions(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf(base);
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(TableOptions()));
  cf.compression = rocksdb::kLZ4Compression;
  return cf;
}

//! A family read by point lookups that mostly miss: a bloom filter answers
//! those without reading data blocks. The records: upserts look up every
//! record of a page, and most new records are absent. The checkpoints:
//! the Hub source asks for each model whether a header read is queued for
//! it (7% of a 1M ingest's profile, nearly all misses, without a filter).
rocksdb::ColumnFamilyOptions PointLookupOptions(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf = FamilyOptions(base);
  rocksdb::BlockBasedTableOptions table = TableOptions();
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = true;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // The same for the memtable, where a page's lookups land first: an absent
  // key is answered without a skip-list search.
  cf.memtable_whole_key_filtering = true;
  cf.memtable_prefix_bloom_size_ratio = 0.05;
  return cf;
}

//! ZSTD at level 1 for the bottommost level, which holds nearly every key
//! and so most of a family's bytes on disk: about a fifth smaller than LZ4,
//! where the default level 3 cost 17% of a 1M ingest's CPU in compactions.
void CompressBottommost(rocksdb::ColumnFamilyOptions& cf) {
  cf.bottommost_compression = rocksdb::kZSTD;
  cf.bottommost_compression_opts.level = 1;
  cf.bottommost_compression_opts.enabled = true;
}

//! The records, with a ZSTD dictionary trained per bottommost file: records
//! repeat the same keys, tags and licences, which a 4 KiB block alone
//! cannot exploit. A full compaction of a 3M-record store measured 171
//! bytes per record without one, 125 with it (16 KiB blocks instead gave
//! 137, and make every upsert's lookup decompress four times as much).
//! The blocks buffered for training are capped so a compaction's memory
//! stays small beside the store's budget.
rocksdb::ColumnFamilyOptions RecordOptions(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf = PointLookupOptions(base);
  CompressBottommost(cf);
  cf.bottommost_compression_opts.max_dict_bytes = 16 << 10;
  cf.bottommost_compression_opts.zstd_max_train_bytes = 100 * (16 << 10);
  cf.bottommost_compression_opts.max_dict_buffer_bytes = 8 << 20;
  return cf;
}

//! The sinks' state, one lineage node per record: ZSTD at the bottom (47.8
//! -> 31.5 bytes per record at 3M). A dictionary gained under 1 byte here.
rocksdb::ColumnFamilyOptions SinkStateOptions(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf = FamilyOptions(base);
  CompressBottommost(cf);
  return cf;
}

//! The change log lives from a page's commit until every sink has folded
//! it, then is range-deleted and its files dropped: compressing it costs
//! CPU on the ingest path for bytes that are gone within minutes.
rocksdb::ColumnFamilyOptions ChangeLogOptions(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf = FamilyOptions(base);
  cf.compression = rocksdb::kNoCompression;
  return cf;
}

bool IsLockError(const rocksdb::Status& s) {
  return s.IsIOError() && s.ToString().find("lock") != std::string::npos;
}

//! A failed open that means damaged files rather than a busy or
//! inaccessible directory.
bool IsDamage(const rocksdb::Status& s) {
  return s.IsCorruption() || (s.IsIOError() && s.ToString().find("No such file") != std::string::npos);
}

}  // namespace

Status Store::Impl::Error(std::string_view what, const rocksdb::Status& s) const {
  return Status::IoError("state_dir " + dir.string() + ": " + std::string(what) + ": " + s.ToString());
}

Store::Impl::~Impl() {
  if (!db) return;
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  handles.clear();
  db->Close();
}

Status Store::Open(const std::filesystem::path& dir, const StoreOptions& options,
                   std::unique_ptr<Store>& out) {
  std::unique_ptr<Store> store(new Store());
  store->impl_ = std::make_unique<Impl>();
  Impl& impl = *store->impl_;
  impl.dir = dir;
  impl.options = options;

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("state_dir " + dir.string() + " cannot be created: " + ec.message());

  if (auto st = CheckStoreFiles(dir); !st.ok()) return st;
  rocksdb::Options base = BaseOptions();
  // Our LOG writer survives a full disk (store_info_log.hpp); the listener
  // leaves Resume() to us (store_health.cpp).
  auto info_log = std::make_shared<StoreInfoLog>(dir);
  base.info_log = info_log;
  base.listeners.push_back(NoAutoRecoveryListener());
  // A WAL whose last record is torn (a kill mid-write) is replayed up to
  // it; a damaged record with more after it refuses the open instead of
  // silently dropping every later batch, as the default point-in-time mode
  // would (see docs/DESIGN.md, "Disk full and damaged files").
  base.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  std::vector<std::string> existing;
  // Fails on a new store (no CURRENT file yet); then there is nothing extra.
  (void)rocksdb::DB::ListColumnFamilies(base, dir.string(), &existing);

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, FamilyOptions(base));
  descriptors.emplace_back(kRecordsCf, RecordOptions(base));
  descriptors.emplace_back(kCheckpointsCf, PointLookupOptions(base));
  descriptors.emplace_back(kChangelogCf, ChangeLogOptions(base));
  descriptors.emplace_back(kSinksCf, SinkStateOptions(base));
  descriptors.emplace_back(kMetaCf, FamilyOptions(base));
  const size_t known = descriptors.size();
  // RocksDB refuses to open a store without naming every family it holds;
  // families we do not know (e.g. left by a later build) are opened and left alone.
  for (const auto& name : existing) {
    const bool ours = std::any_of(descriptors.begin(), descriptors.begin() + known,
                                  [&](const auto& d) { return d.name == name; });
    if (!ours) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(base));
  }

  rocksdb::DB* raw = nullptr;
  rocksdb::DBOptions db_options(base);
  auto s = rocksdb::DB::Open(db_options, dir.string(), descriptors, &impl.handles, &raw);
  if (!s.ok()) {
    if (IsLockError(s)) {
      return Status::IoError("state_dir " + dir.string() +
                             " is in use by another mltrendd (lock held on " +
                             (dir / "LOCK").string() + ")");
    }
    if (IsDamage(s)) return DamagedStore(dir, s, info_log->LastWalCorruption());
    if (IsNoSpace(s)) {
      return Status::IoError("state_dir " + dir.string() + " cannot be opened: its volume is full (" +
                             FreeSpace(dir) + "): " + s.ToString());
    }
    return Status::IoError("state_dir " + dir.string() + " cannot be opened: " + s.ToString());
  }
  impl.db.reset(raw);
  impl.records = impl.handles[1];
  impl.checkpoints = impl.handles[2];
  impl.changelog = impl.handles[3];
  impl.sinks = impl.handles[4];
  impl.meta = impl.handles[5];

  rocksdb::ReadOptions read;
  std::string version_text;
  s = impl.db->Get(read, impl.meta, ToSlice(kMetaSchemaVersion), &version_text);
  if (s.IsNotFound()) {
    rocksdb::WriteBatch batch;
    s = batch.Put(impl.meta, ToSlice(kMetaSchemaVersion), std::to_string(kSchemaVersion));
    if (!s.ok()) return impl.Error("cannot build the batch of the schema version", s);
    if (auto st = impl.Write(batch, "write the schema version"); !st.ok()) return st;
  } else if (!s.ok()) {
    return impl.Error("cannot read the schema version", s);
  } else {
    uint64_t version = 0;
    if (!ParseU64(version_text, version)) {
      return Status::Invalid("state_dir " + dir.string() + " has an unreadable schema version '" +
                             version_text + "' in meta key " + std::string(kMetaSchemaVersion));
    }
    if (version > static_cast<uint64_t>(kSchemaVersion)) {
      return Status::Invalid("state_dir " + dir.string() + " holds store schema version " +
                             version_text + ", newer than version " +
                             std::to_string(kSchemaVersion) +
                             " that this mltrendd understands; run a newer mltrendd");
    }
  }

  uint64_t high_water = 0;
  if (auto st = impl.ReadMetaU64(read, kMetaLastSequence, high_water); !st.ok()) return st;
  uint64_t last_key = 0;
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.changelog));
  it->SeekToLast();
  if (it->Valid() && !ParseSequenceKey(ToView(it->key()), last_key)) {
    return Status::Invalid("state_dir " + dir.string() + " has a change-log key of " +
                           std::to_string(it->key().size()) + " bytes, expected 8");
  }
  if (!it->status().ok()) return impl.Error("cannot read the change log", it->status());
  it.reset();
  impl.last_sequence.store(std::max(high_water, last_key));

  out = std::move(store);
  return Status::Ok();
}

Store::~Store() {
  if (impl_ && impl_->db) {
    // Unsynced pages are in the OS cache already; syncing here makes a clean
    // shutdown durable against a later power cut too.
    (void)impl_->db->FlushWAL(true);
    // Memtables written out now are not replayed from the WAL at the next
    // start: with 1M records that replay took most of a 4.8 s start-up.
    rocksdb::FlushOptions flush;
    flush.allow_write_stall = true;
    (void)impl_->db->Flush(flush, impl_->handles);
    // Every change folded and pruned: what the last flush wrote of the log
    // (under PruneChangeLog's flush threshold, with its range tombstones)
    // is dead. Compacting it away now reads at most that much and leaves no
    // change-log bytes on disk across the restart.
    const uint64_t pruned = impl_->pruned_upto.load();
    if (pruned > 0 && pruned == impl_->last_sequence.load())
      (void)impl_->db->CompactRange(rocksdb::CompactRangeOptions(), impl_->changelog, nullptr, nullptr);
  }
}

}  // namespace mltrendd
