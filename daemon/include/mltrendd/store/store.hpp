//===----------------------------------------------------------------------===//
// mltrendd — store/store.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"
#include "mltrend/status.hpp"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace mltrendd {

using mltrend::Status;

//! What one CommitPage did, record by record.
struct CommitStats {
  size_t inserted = 0;
  size_t updated = 0;
  size_t unchanged = 0;      //!< identical to the stored record: no change-log entry
  uint64_t last_sequence = 0;  //!< change-log sequence after the commit
};

//! Durability of each committed page. Both keep RocksDB's WAL on; they
//! differ in whether the WAL is fsync'ed before CommitPage returns.
struct StoreOptions {
  //! false: a process kill (SIGKILL, crash) loses nothing committed; a power
  //! cut may lose the last pages written, each whole, with its checkpoint, so
  //! the next run refetches them. true: a power cut loses nothing either.
  bool sync = false;
};

//! The daemon's embedded RocksDB. Column families:
//!   records     source '\0' id            -> encoded Record
//!   checkpoints source                    -> the source's checkpoint string
//!   changelog   big-endian u64 sequence   -> encoded Change (source, id, before, after)
//!   sinks       sink '\0' key             -> sink state; sink '\1' -> cursor
//!   meta        free-form daemon metadata (per-source counts and run times)
//! Thread-safe: any number of threads may call any method.
class Store {
 public:
  //! Opens (creating if missing) the store in `dir`. Fails with a message
  //! naming the directory when RocksDB cannot open it (e.g. another
  //! mltrendd holds its lock).
  static Status Open(const std::filesystem::path& dir, const StoreOptions& options,
                     std::unique_ptr<Store>& out);
  ~Store();  //!< flushes and closes RocksDB cleanly
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // ---- sources -------------------------------------------------------------

  //! The checkpoint last committed for `source` ("" when none).
  Status GetCheckpoint(std::string_view source, std::string& checkpoint);
  //! Upserts `records` under `source`, appends one change-log entry per
  //! inserted or changed record, stores `checkpoint` and the source's
  //! record count, all in one WriteBatch. Records identical to the stored
  //! ones are counted as unchanged and logged nowhere. Two records with the
  //! same id in one page: the later wins. Commits are serialised so that
  //! change-log sequences appear in commit order.
  Status CommitPage(std::string_view source, const std::vector<mltrend::Record>& records,
                    std::string_view checkpoint, CommitStats& stats);
  //! Number of records stored for `source` (exact; kept in the page batch).
  uint64_t RecordCount(std::string_view source);
  Status GetRecord(std::string_view source, std::string_view id, std::optional<mltrend::Record>& out);

  // ---- change log and sinks ------------------------------------------------

  //! The sequence of the newest change-log entry (0 when the log is empty
  //! and nothing was ever logged).
  uint64_t LastSequence() const;
  //! Appends to `out` up to `max` entries with sequence > `after`, oldest first.
  Status ReadChanges(uint64_t after, size_t max, std::vector<mltrend::Change>& out);
  //! Visits every record of every source at one snapshot; `position` is the
  //! last change-log sequence included in that snapshot.
  Status ScanRecords(
      const std::function<Status(std::string_view source, const mltrend::Record&)>& visit,
      uint64_t& position);
  //! Deletes change-log entries with sequence <= `upto` (called once every
  //! sink has folded them).
  Status PruneChangeLog(uint64_t upto);

  Status GetSinkCursor(std::string_view sink, uint64_t& cursor);
  Status GetSinkState(std::string_view sink, std::string_view key, std::optional<std::string>& value);
  Status ScanSinkState(std::string_view sink, std::string_view prefix,
                       const std::function<void(std::string_view, std::string_view)>& visit);
  //! Applies `batch` to the sink's key space and sets its cursor, atomically.
  Status CommitSink(std::string_view sink, const mltrend::StateBatch& batch, uint64_t new_cursor);

  // ---- daemon metadata -----------------------------------------------------

  Status PutMeta(std::string_view key, std::string_view value);
  Status GetMeta(std::string_view key, std::optional<std::string>& value);
  //! Approximate size of the store on disk, for /metrics.
  uint64_t ApproximateSizeBytes();

 private:
  Store() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltrendd
