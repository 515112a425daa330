//===----------------------------------------------------------------------===//
// mltrendd — store/store_sinks.cpp
//===----------------------------------------------------------------------===//
// Each sink's key space is its name followed by '\0'; its cursor is its name
// followed by '\1', so it sorts right after the sink's state.
#include <algorithm>
#include <numeric>

#include <rocksdb/write_batch.h>

#include "mltrendd/runtime/crash_point.hpp"
#include "store_impl.hpp"

namespace mltrendd {

namespace {

Status CheckSinkName(std::string_view sink) {
  if (sink.empty() || sink.find(kStateSep) != std::string_view::npos ||
      sink.find(kCursorSep) != std::string_view::npos) {
    return Status::Invalid("sink name '" + std::string(sink) +
                           "' is empty or contains a NUL or \\1 byte");
  }
  return Status::Ok();
}

//! Cursor values are 8 bytes, big-endian like change-log keys.
bool ParseCursor(std::string_view value, uint64_t& cursor) { return ParseSequenceKey(value, cursor); }

}  // namespace

Status Store::GetSinkCursor(std::string_view sink, uint64_t& cursor) {
  cursor = 0;
  if (auto s = CheckSinkName(sink); !s.ok()) return s;
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->sinks, SinkCursorKey(sink), &value);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read the cursor of sink " + std::string(sink), s);
  if (!ParseCursor(value, cursor)) {
    return Status::Internal("state_dir " + impl_->dir.string() + ": the cursor of sink " +
                            std::string(sink) + " is " + std::to_string(value.size()) +
                            " bytes, expected 8");
  }
  return Status::Ok();
}

Status Store::GetSinkState(std::string_view sink, std::string_view key,
                           std::optional<std::string>& value) {
  value.reset();
  if (auto s = CheckSinkName(sink); !s.ok()) return s;
  std::string text;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->sinks, SinkStateKey(sink, key), &text);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read state of sink " + std::string(sink), s);
  value = std::move(text);
  return Status::Ok();
}

Status Store::ScanSinkState(std::string_view sink, std::string_view prefix,
                            const std::function<void(std::string_view, std::string_view)>& visit) {
  if (auto s = CheckSinkName(sink); !s.ok()) return s;
  const std::string start = SinkStateKey(sink, prefix);
  // Bounds the scan to this sink even when `prefix` is empty.
  const std::string limit = SinkCursorKey(sink);
  const rocksdb::Slice upper(limit);
  rocksdb::ReadOptions read;
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(read, impl_->sinks));
  const size_t name_bytes = sink.size() + 1;
  for (it->Seek(start); it->Valid(); it->Next()) {
    const std::string_view key = ToView(it->key());
    if (key.substr(0, start.size()) != start) break;
    visit(key.substr(name_bytes), ToView(it->value()));
  }
  if (!it->status().ok()) return impl_->Error("cannot scan state of sink " + std::string(sink), it->status());
  return Status::Ok();
}

Status Store::CommitSink(std::string_view sink, const mltrend::StateBatch& batch,
                         uint64_t new_cursor) {
  if (auto s = CheckSinkName(sink); !s.ok()) return s;
  Impl& impl = *impl_;
  // Sized up front: a full recompute's batch is hundreds of megabytes, and
  // growing it by doubling copied it over and over (8% of a 300k recompute).
  size_t bytes = 64;
  for (const auto& [k, v] : batch.ops) bytes += sink.size() + k.size() + (v ? v->size() : 0) + 16;
  rocksdb::WriteBatch wb(bytes);
  rocksdb::Status s;
  if (batch.clear_all) {
    // The range ends at the cursor key, which the Put below rewrites anyway.
    // Later entries of one batch get later sequence numbers, so the ops
    // below survive this range deletion.
    s = wb.DeleteRange(impl.sinks, SinkStateKey(sink, ""), SinkCursorKey(sink));
  }
  // In key order: RocksDB's memtable skip list inserts a run of ascending
  // keys from the previous insertion's position, while scattered keys each
  // search from the top (a full recompute's 100k lineage nodes in hash
  // order spent a third of the recompute there). Stable, so a key written
  // twice in one batch keeps its last value.
  std::vector<uint32_t> order(batch.ops.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return batch.ops[a].first < batch.ops[b].first; });
  std::string key;
  for (uint32_t i : order) {
    const auto& [k, v] = batch.ops[i];
    if (!s.ok()) break;
    key.assign(sink).push_back(kStateSep);
    key.append(k);
    s = v ? wb.Put(impl.sinks, key, *v) : wb.Delete(impl.sinks, key);
  }
  char cursor[8];
  PutSequenceKey(new_cursor, cursor);
  if (s.ok()) s = wb.Put(impl.sinks, SinkCursorKey(sink), rocksdb::Slice(cursor, sizeof cursor));
  if (!s.ok()) return impl.Error("cannot build the batch of sink " + std::string(sink), s);
  CrashPoint("sink.before_write");  // test hook, inert in production: see crash_point.hpp
  if (auto st = impl.Write(wb, "commit state of sink " + std::string(sink)); !st.ok()) return st;
  CrashPoint("sink.after_write");
  return Status::Ok();
}

std::vector<std::pair<std::string, uint64_t>> Store::SinkCursors() {
  return impl_->SinkCursors(rocksdb::ReadOptions());
}

std::vector<std::pair<std::string, uint64_t>> Store::Impl::SinkCursors(const rocksdb::ReadOptions& read) {
  std::vector<std::pair<std::string, uint64_t>> out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read, sinks));
  it->SeekToFirst();
  while (it->Valid()) {
    const std::string_view key = ToView(it->key());
    const size_t end = key.find_first_of(std::string_view("\0\1", 2));
    const std::string name(key.substr(0, end));
    // Hop over the sink's state straight to its cursor, then past it.
    const std::string cursor_key = SinkCursorKey(name);
    it->Seek(cursor_key);
    uint64_t cursor = 0;
    if (it->Valid() && ToView(it->key()) == cursor_key) (void)ParseCursor(ToView(it->value()), cursor);
    if (!name.empty()) out.emplace_back(name, cursor);
    std::string next = name;
    next.push_back('\2');
    it->Seek(next);
  }
  return out;
}

}  // namespace mltrendd
