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
#include <utility>
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

//! What one CommitPage did, record by record. Counts distinct ids: a page
//! naming an id twice counts it once, so inserted + updated + unchanged is
//! the number of distinct ids in the page.
//! Source-state changes committed with a page: a value puts, nullopt erases.
using SourceStateChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct CommitStats {
  size_t inserted = 0;
  size_t updated = 0;
  size_t unchanged = 0;      //!< identical to the stored record: no change-log entry
  uint64_t last_sequence = 0;  //!< change-log sequence after the commit
};

//! Durability of each committed page. Both keep RocksDB's WAL on; they
//! differ in whether the WAL is fsync'ed before CommitPage returns.
//!
//! The WAL is never turned off because it is what makes a page atomic across
//! column families: a page's records, change-log entries, checkpoint and
//! counts reach the WAL as one WriteBatch, and recovery replays a batch
//! whole or not at all. With the WAL in the OS page cache (sync = false) a
//! process kill loses nothing, and a power cut can only drop a suffix of the
//! newest batches: whole pages together with their checkpoints, so the
//! source's next run refetches exactly those pages and the upsert by stable
//! key makes the refetch idempotent. Sequences of the lost entries are then
//! reused, which no sink can notice: a sink commits its cursor through this
//! same store, so it can never have folded a change that was lost.
struct StoreOptions {
  //! false: a process kill (SIGKILL, crash) loses nothing committed; a power
  //! cut may lose the last pages written, each whole, with its checkpoint, so
  //! the next run refetches them. true: a power cut loses nothing either,
  //! at the cost of one fsync per page.
  bool sync = false;
};

//! The daemon's embedded RocksDB. Column families:
//!   records     source '\0' id            -> encoded Record
//!   checkpoints source                    -> the source's checkpoint string
//!   changelog   big-endian u64 sequence   -> encoded Change (source, id, before, after)
//!   sinks       sink '\0' key             -> sink state; sink '\1' -> cursor
//!   meta        free-form daemon metadata (per-source counts and run times)
//! The store keeps its own entries in meta under the reserved prefix
//! "store." (all values decimal text): "store.schema_version",
//! "store.last_sequence" (the change-log high-water mark, written with every
//! page so that pruning the whole log never resets sequences) and
//! "store.record_count.<source>". PutMeta refuses keys with that prefix.
//! Source and sink names never contain '\0' or '\1' (config limits them to
//! [a-z0-9_-]); ids may hold any bytes and compare bytewise.
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
  //! `state` puts (value) or erases (nullopt) the source's own keys in the
  //! same batch (see mltrend::Page::state).
  Status CommitPage(std::string_view source, const std::vector<mltrend::Record>& records,
                    std::string_view checkpoint, CommitStats& stats, const SourceStateChanges& state = {});
  //! A value stored through CommitPage's `state`; nullopt when absent.
  Status GetSourceState(std::string_view source, std::string_view key, std::optional<std::string>& value);
  //! Visits the source's state keys starting with `prefix` in bytewise order
  //! (keys passed without the source's name) until `visit` returns false.
  Status ScanSourceState(std::string_view source, std::string_view prefix,
                         const std::function<bool(std::string_view, std::string_view)>& visit);
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
  //! sink has folded them). `upto` beyond LastSequence() is clamped to it,
  //! so a prune racing a commit never removes the commit's entries.
  //! LastSequence() is unaffected, also across a reopen.
  Status PruneChangeLog(uint64_t upto);

  //! The cursor last committed by `sink` (0 when it never committed).
  Status GetSinkCursor(std::string_view sink, uint64_t& cursor);
  //! One key of the sink's own state; nullopt when absent.
  Status GetSinkState(std::string_view sink, std::string_view key, std::optional<std::string>& value);
  //! Visits the sink's keys starting with `prefix`, in bytewise key order;
  //! keys are passed without the sink's name. Never sees another sink's keys.
  Status ScanSinkState(std::string_view sink, std::string_view prefix,
                       const std::function<void(std::string_view, std::string_view)>& visit);
  //! Applies `batch` to the sink's key space and sets its cursor, atomically.
  //! `clear_all` deletes this sink's keys only, before `batch.ops` apply.
  Status CommitSink(std::string_view sink, const mltrend::StateBatch& batch, uint64_t new_cursor);

  // ---- daemon metadata -----------------------------------------------------

  //! Fails with kInvalidInput for keys under the reserved "store." prefix.
  Status PutMeta(std::string_view key, std::string_view value);
  Status GetMeta(std::string_view key, std::optional<std::string>& value);
  //! PutMeta with an fsync of the WAL before it returns, even when
  //! StoreOptions::sync is off (about one fsync per call; see docs/DESIGN.md).
  Status PutMetaSynced(std::string_view key, std::string_view value);
  //! Approximate size of the store on disk, for /v1/status.
  uint64_t ApproximateSizeBytes();
  //! Approximate bytes the change log holds (its files and memtables);
  //! near zero once every sink has folded and the log was pruned.
  uint64_t ChangeLogBytes();

  // ---- maintenance ---------------------------------------------------------

  //! Every sink that ever committed, with its cursor, in name order (for the
  //! "cursor lag" of /v1/sources: LastSequence() - cursor). Costs one seek
  //! per sink, not a scan of the sinks' state.
  std::vector<std::pair<std::string, uint64_t>> SinkCursors();
  //! Checks at one snapshot that every record and change-log value decodes,
  //! that each source's stored count equals its records, that every
  //! checkpoint and source state belongs to a source with a count (both are
  //! written by the same page batch), and that no sink cursor is ahead of
  //! the change log. Appends one line per finding (and a
  //! summary) to `report`; returns kInternal naming the first problem, if
  //! any. Reads the whole store: for `mltrendd --verify`, not the hot path.
  Status Verify(std::string& report);
  //! The schema this build writes; Open refuses a store with a newer one.
  static constexpr int kSchemaVersion = 1;

 private:
  Store() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltrendd
