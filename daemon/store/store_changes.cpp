//===----------------------------------------------------------------------===//
// mltrendd — store/store_changes.cpp
//===----------------------------------------------------------------------===//
// Reading the change log and the records as sinks do, and pruning the log.
#include <algorithm>
#include <limits>

#include <rocksdb/convenience.h>
#include <rocksdb/snapshot.h>

#include "mltrendd/store/record_codec.hpp"
#include "store_impl.hpp"

namespace mltrendd {

Status Store::ReadChanges(uint64_t after, size_t max, std::vector<mltrend::Change>& out) {
  if (max == 0 || after == std::numeric_limits<uint64_t>::max()) return Status::Ok();
  Impl& impl = *impl_;
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(rocksdb::ReadOptions(), impl.changelog));
  char start[8];
  PutSequenceKey(after + 1, start);
  size_t taken = 0;
  for (it->Seek(rocksdb::Slice(start, sizeof start)); it->Valid() && taken < max; it->Next()) {
    uint64_t seq = 0;
    if (!ParseSequenceKey(ToView(it->key()), seq)) {
      return Status::Internal("state_dir " + impl.dir.string() + " has a change-log key of " +
                              std::to_string(it->key().size()) + " bytes, expected 8");
    }
    mltrend::Change change;
    if (auto s = DecodeChange(ToView(it->value()), change); !s.ok()) {
      return Status::Internal("state_dir " + impl.dir.string() + ": change-log entry " +
                              std::to_string(seq) + " is damaged: " + s.message());
    }
    change.seq = seq;
    out.push_back(std::move(change));
    ++taken;
  }
  if (!it->status().ok()) return impl.Error("cannot read the change log", it->status());
  return Status::Ok();
}

Status Store::Impl::SnapshotPosition(const rocksdb::ReadOptions& read, uint64_t& position) {
  // The high-water mark is written with every page, so it alone is the
  // answer; the newest key is read too in case the meta key were lost.
  uint64_t high_water = 0;
  if (auto s = ReadMetaU64(read, kMetaLastSequence, high_water); !s.ok()) return s;
  uint64_t last_key = 0;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read, changelog));
  it->SeekToLast();
  if (it->Valid()) (void)ParseSequenceKey(ToView(it->key()), last_key);
  if (!it->status().ok()) return Error("cannot read the change log", it->status());
  position = std::max(high_water, last_key);
  return Status::Ok();
}

Status Store::ScanRecords(
    const std::function<Status(std::string_view source, const mltrend::Record&)>& visit,
    uint64_t& position) {
  Impl& impl = *impl_;
  rocksdb::ManagedSnapshot snapshot(impl.db.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  // One snapshot for both: the position then names exactly the changes the
  // visited records include, so a sink resuming from it folds none twice.
  if (auto s = impl.SnapshotPosition(read, position); !s.ok()) return s;

  read.fill_cache = false;  // a full scan would only evict the hot blocks
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.records));
  mltrend::Record record;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key = ToView(it->key());
    const size_t sep = key.find(kStateSep);
    if (sep == std::string_view::npos) {
      return Status::Internal("state_dir " + impl.dir.string() +
                              " has a record key without a source separator");
    }
    if (auto s = DecodeRecord(ToView(it->value()), record); !s.ok()) {
      return Status::Internal("state_dir " + impl.dir.string() + ": record of source " +
                              std::string(key.substr(0, sep)) + " is damaged: " + s.message());
    }
    if (auto s = visit(key.substr(0, sep), record); !s.ok()) return s;
  }
  if (!it->status().ok()) return impl.Error("cannot read the records", it->status());
  return Status::Ok();
}

Status Store::PruneChangeLog(uint64_t upto) {
  Impl& impl = *impl_;
  upto = std::min(upto, impl.last_sequence.load());
  if (upto == 0) return Status::Ok();
  // A range tombstone hides the entries but frees no disk until a
  // compaction reaches them, and the change log was most of a fresh
  // store's bytes. So once the memtable holds a few MB of entries that are
  // all about to be pruned, it is written out first; the file it becomes
  // lies wholly inside the range and is dropped below, with every older
  // one, at the cost of one file write and no compaction.
  uint64_t buffered = 0;
  if (upto == impl.last_sequence.load() &&
      impl.db->GetIntProperty(impl.changelog, "rocksdb.cur-size-all-mem-tables", &buffered) &&
      buffered >= kChangeLogFlushBytes) {
    const char* what = "write out the change log before pruning it";
    if (auto st = impl.ResumeIfFailed(what); !st.ok()) return st;
    rocksdb::FlushOptions flush;
    flush.allow_write_stall = true;
    auto s = impl.db->Flush(flush, impl.changelog);
    if (!s.ok()) return impl.WriteFailed(what, s);
  }
  // An end key of nine 0xff bytes sorts after every 8-byte key, for the
  // (theoretical) upto == UINT64_MAX.
  const std::string begin = SequenceKey(0);
  const std::string end = upto == std::numeric_limits<uint64_t>::max()
                              ? std::string(9, '\xff')
                              : SequenceKey(upto + 1);
  rocksdb::WriteBatch batch;
  auto s = batch.DeleteRange(impl.changelog, begin, end);
  if (!s.ok()) return impl.Error("cannot build the batch pruning the change log", s);
  if (auto st = impl.Write(batch, "prune the change log"); !st.ok()) return st;
  const rocksdb::Slice first(begin), last(end);
  s = rocksdb::DeleteFilesInRange(impl.db.get(), impl.changelog, &first, &last, /*include_end=*/false);
  if (!s.ok()) return impl.WriteFailed("drop the pruned change log's files", s);
  impl.pruned_upto.store(upto);
  return Status::Ok();
}

}  // namespace mltrendd
