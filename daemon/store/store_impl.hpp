//===----------------------------------------------------------------------===//
// mltrendd — store/store_impl.hpp (private to mltrend_store)
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/slice.h>
#include <rocksdb/status.h>
#include <rocksdb/write_batch.h>

#include "mltrendd/store/store.hpp"

namespace rocksdb {
class EventListener;
}  // namespace rocksdb

namespace mltrendd {

//! Keeps RocksDB from recovering from a background error by itself, so
//! that Store::Impl::ResumeIfFailed decides when (store_health.cpp).
std::shared_ptr<rocksdb::EventListener> NoAutoRecoveryListener();

//! "N bytes free of M on DIR" from statvfs (what an unprivileged writer may
//! use), or that it is unknown.
std::string FreeSpace(const std::filesystem::path& dir);
//! A status that means the volume (or a space limit) is full.
bool IsNoSpace(const rocksdb::Status& s);

//! Before DB::Open: refuses store files without CURRENT, over which RocksDB
//! would create a new, empty store (store_open_errors.cpp).
Status CheckStoreFiles(const std::filesystem::path& dir);
//! The refusal for a failed DB::Open of a damaged store: names the damaged
//! file and what to do. `wal_corruption` is StoreInfoLog::LastWalCorruption.
Status DamagedStore(const std::filesystem::path& dir, const rocksdb::Status& s, const std::string& wal_corruption);

//! The reserved meta keys; see the Store class comment.
inline constexpr std::string_view kMetaPrefix = "store.";
inline constexpr std::string_view kMetaSchemaVersion = "store.schema_version";
inline constexpr std::string_view kMetaLastSequence = "store.last_sequence";
//! PruneChangeLog writes out a change-log memtable this large before
//! pruning it, so its file can be dropped whole (see there).
inline constexpr uint64_t kChangeLogFlushBytes = 4ull << 20;
inline constexpr std::string_view kMetaRecordCountPrefix = "store.record_count.";

//! Separators between a name and what follows it. Names never contain them,
//! so "a" + kStateSep is never a prefix of a key of sink "ab".
inline constexpr char kStateSep = '\0';
inline constexpr char kCursorSep = '\1';

//! What Store hides from its header: the RocksDB handles and the commit lock.
struct Store::Impl {
  ~Impl();  //!< destroys the handles, then closes the DB
  std::filesystem::path dir;
  StoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  //! Every handle opened (ours and any extra family found on disk), destroyed
  //! before the DB closes.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::ColumnFamilyHandle* records = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints = nullptr;
  rocksdb::ColumnFamilyHandle* changelog = nullptr;
  rocksdb::ColumnFamilyHandle* sinks = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;

  //! Serialises sequence allocation and Write in CommitPage, so sequences
  //! become visible in the order they were handed out.
  std::mutex commit_mutex;
  //! Highest sequence written; published after the Write that wrote it.
  std::atomic<uint64_t> last_sequence{0};
  //! Highest sequence PruneChangeLog removed in this process (0: none).
  std::atomic<uint64_t> pruned_upto{0};

  rocksdb::WriteOptions WriteOpts() const {
    rocksdb::WriteOptions w;
    w.sync = options.sync;
    w.disableWAL = false;
    return w;
  }
  //! "state_dir <dir>: <what>: <rocksdb message>".
  Status Error(std::string_view what, const rocksdb::Status& s) const;

  // ---- write health (store_health.cpp) --------------------------------------
  //! Every write of the store goes through here: brings RocksDB out of the
  //! read-only state an earlier failed write left (Resume), then writes
  //! `batch`; the outcome goes into `health`. `what` says what was written
  //! ("cannot <what>" on failure).
  Status Write(rocksdb::WriteBatch& batch, std::string_view what, bool sync = false);
  //! Store::PutMeta and PutMetaSynced: one meta key through Write.
  Status PutMeta(std::string_view key, std::string_view value, bool sync);
  //! Resume() when an earlier write failed; Ok when nothing had failed.
  Status ResumeIfFailed(std::string_view what);
  //! Records a failed write (or flush) and returns its Status, naming
  //! state_dir and the volume's free space.
  Status WriteFailed(std::string_view what, const rocksdb::Status& s);
  void WriteSucceeded();
  mutable std::mutex health_mutex;
  StoreHealth health;  //!< guarded by health_mutex
  //! Set by a failed write, cleared by a successful Resume: the next write
  //! resumes first.
  std::atomic<bool> write_failed{false};
  //! One Resume at a time (a second caller waits and sees the first's outcome).
  std::mutex resume_mutex;
  //! Reads a decimal u64 meta value; 0 when absent.
  Status ReadMetaU64(const rocksdb::ReadOptions& read, std::string_view key, uint64_t& value);
  //! The change-log sequence visible at `read` (its snapshot, if any).
  Status SnapshotPosition(const rocksdb::ReadOptions& read, uint64_t& position);
  //! Store::SinkCursors at `read` (its snapshot, if any).
  std::vector<std::pair<std::string, uint64_t>> SinkCursors(const rocksdb::ReadOptions& read);
};

inline rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToView(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

//! Change-log keys sort by sequence because they are big-endian.
void PutSequenceKey(uint64_t seq, char out[8]);
std::string SequenceKey(uint64_t seq);
//! False when `key` is not 8 bytes.
bool ParseSequenceKey(std::string_view key, uint64_t& seq);

std::string RecordKey(std::string_view source, std::string_view id);
std::string RecordCountKey(std::string_view source);
//! A source's own state key in the checkpoints family: source \0 key (the
//! checkpoint itself is stored under the bare source name).
std::string SourceStateKey(std::string_view source, std::string_view key);
std::string SinkStateKey(std::string_view sink, std::string_view key);
std::string SinkCursorKey(std::string_view sink);

//! Decimal text meta values; false when `text` is not a plain u64.
bool ParseU64(std::string_view text, uint64_t& value);

}  // namespace mltrendd
