//===----------------------------------------------------------------------===//
// mltrendd — store/store_commit.cpp
//===----------------------------------------------------------------------===//
// CommitPage: the ingest hot path. Per page it allocates a handful of
// buffers (keys and values packed into one string each), never one per record.
#include <algorithm>
#include <numeric>

#include <rocksdb/write_batch.h>

#include "mltrendd/runtime/crash_point.hpp"
#include "mltrendd/store/record_codec.hpp"
#include "store_impl.hpp"

namespace mltrendd {

namespace {

//! Indices of the records that win, in page order: for an id named more
//! than once, only its last occurrence.
std::vector<uint32_t> Winners(const std::vector<mltrend::Record>& records) {
  std::vector<uint32_t> order(records.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return records[a].id < records[b].id; });
  std::vector<uint32_t> winners;
  winners.reserve(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 == order.size() || records[order[i]].id != records[order[i + 1]].id) {
      winners.push_back(order[i]);
    }
  }
  std::sort(winners.begin(), winners.end());
  return winners;
}

bool ValidName(std::string_view name) {
  return !name.empty() && name.find(kStateSep) == std::string_view::npos &&
         name.find(kCursorSep) == std::string_view::npos;
}

}  // namespace

Status Store::CommitPage(std::string_view source, const std::vector<mltrend::Record>& records,
                         std::string_view checkpoint, CommitStats& out, const SourceStateChanges& state) {
  out = CommitStats{};
  CommitStats stats;
  if (!ValidName(source)) {
    return Status::Invalid("source name '" + std::string(source) +
                           "' is empty or contains a NUL or \\1 byte");
  }
  if (records.size() > UINT32_MAX) return Status::Invalid("a page of more than 2^32 records");
  Impl& impl = *impl_;

  // Encode outside the lock: concurrent sources overlap this part.
  const std::vector<uint32_t> winners = Winners(records);
  const size_t m = winners.size();
  std::string keys;
  std::string values;
  std::vector<size_t> key_end(m);
  std::vector<size_t> value_end(m);
  size_t key_bytes = 0;
  for (uint32_t i : winners) key_bytes += source.size() + 1 + records[i].id.size();
  keys.reserve(key_bytes);
  for (size_t j = 0; j < m; ++j) {
    const auto& record = records[winners[j]];
    keys.append(source).push_back(kStateSep);
    keys.append(record.id);
    key_end[j] = keys.size();
    AppendRecord(record, values);
    value_end[j] = values.size();
  }
  std::vector<rocksdb::Slice> key_slices(m);
  std::vector<rocksdb::Slice> value_slices(m);
  for (size_t j = 0; j < m; ++j) {
    const size_t kb = j == 0 ? 0 : key_end[j - 1];
    const size_t vb = j == 0 ? 0 : value_end[j - 1];
    key_slices[j] = rocksdb::Slice(keys.data() + kb, key_end[j] - kb);
    value_slices[j] = rocksdb::Slice(values.data() + vb, value_end[j] - vb);
  }
  std::vector<rocksdb::PinnableSlice> previous(m);
  std::vector<rocksdb::Status> statuses(m);
  // Room for every record, its change entry (before + after) and the keys.
  rocksdb::WriteBatch batch(keys.size() + 3 * values.size() + 32 * m + 256);
  std::string change;
  char seq_key[8];

  std::lock_guard<std::mutex> lock(impl.commit_mutex);
  const rocksdb::ReadOptions read;
  if (m > 0) {
    impl.db->MultiGet(read, impl.records, m, key_slices.data(), previous.data(), statuses.data());
  }
  uint64_t count = 0;
  const std::string count_key = RecordCountKey(source);
  if (auto s = impl.ReadMetaU64(read, count_key, count); !s.ok()) return s;

  uint64_t seq = impl.last_sequence.load();
  for (size_t j = 0; j < m; ++j) {
    std::optional<std::string_view> before;
    if (statuses[j].IsNotFound()) {
      ++stats.inserted;
    } else if (!statuses[j].ok()) {
      return impl.Error("cannot read the stored version of record '" +
                            records[winners[j]].id + "' of source " + std::string(source),
                        statuses[j]);
    } else if (previous[j] == value_slices[j]) {
      ++stats.unchanged;
      continue;
    } else {
      ++stats.updated;
      before = ToView(previous[j]);
    }
    auto s = batch.Put(impl.records, key_slices[j], value_slices[j]);
    change.clear();
    AppendEncodedChange(source, records[winners[j]].id, before, ToView(value_slices[j]), change);
    PutSequenceKey(++seq, seq_key);
    if (s.ok()) s = batch.Put(impl.changelog, rocksdb::Slice(seq_key, sizeof seq_key), change);
    if (!s.ok()) return impl.Error("cannot build the batch of a page of " + std::string(source), s);
  }
  count += stats.inserted;
  auto s = batch.Put(impl.checkpoints, ToSlice(source), ToSlice(checkpoint));
  for (const auto& [key, value] : state) {
    if (!s.ok()) break;
    const std::string state_key = SourceStateKey(source, key);
    s = value ? batch.Put(impl.checkpoints, state_key, *value) : batch.Delete(impl.checkpoints, state_key);
  }
  if (s.ok()) s = batch.Put(impl.meta, count_key, std::to_string(count));
  if (s.ok()) s = batch.Put(impl.meta, ToSlice(kMetaLastSequence), std::to_string(seq));
  if (!s.ok()) return impl.Error("cannot build the batch of a page of " + std::string(source), s);
  CrashPoint("page.before_write");  // test hook, inert in production: see crash_point.hpp
  if (auto st = impl.Write(batch, "commit a page of source " + std::string(source)); !st.ok()) return st;
  CrashPoint("page.after_write");
  impl.last_sequence.store(seq);
  stats.last_sequence = seq;
  out = stats;
  return Status::Ok();
}

}  // namespace mltrendd
