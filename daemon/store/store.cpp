//===----------------------------------------------------------------------===//
// mltrendd — store/store.cpp
//===----------------------------------------------------------------------===//
// Key layout helpers and the small point accessors: checkpoints, records,
// counts, meta, size.
#include <charconv>

#include "mltrendd/store/record_codec.hpp"
#include "store_impl.hpp"

namespace mltrendd {

void PutSequenceKey(uint64_t seq, char out[8]) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(seq & 0xff);
    seq >>= 8;
  }
}

std::string SequenceKey(uint64_t seq) {
  char buf[8];
  PutSequenceKey(seq, buf);
  return std::string(buf, sizeof buf);
}

bool ParseSequenceKey(std::string_view key, uint64_t& seq) {
  if (key.size() != 8) return false;
  seq = 0;
  for (char c : key) seq = (seq << 8) | static_cast<uint8_t>(c);
  return true;
}

std::string RecordKey(std::string_view source, std::string_view id) {
  std::string key;
  key.reserve(source.size() + 1 + id.size());
  key.append(source).push_back(kStateSep);
  key.append(id);
  return key;
}

std::string SourceStateKey(std::string_view source, std::string_view key) {
  std::string out;
  out.reserve(source.size() + 1 + key.size());
  out.append(source).push_back(kStateSep);
  out.append(key);
  return out;
}

std::string RecordCountKey(std::string_view source) {
  return std::string(kMetaRecordCountPrefix).append(source);
}

std::string SinkStateKey(std::string_view sink, std::string_view key) {
  std::string out;
  out.reserve(sink.size() + 1 + key.size());
  out.append(sink).push_back(kStateSep);
  out.append(key);
  return out;
}

std::string SinkCursorKey(std::string_view sink) {
  std::string out(sink);
  out.push_back(kCursorSep);
  return out;
}

bool ParseU64(std::string_view text, uint64_t& value) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

Status Store::Impl::ReadMetaU64(const rocksdb::ReadOptions& read, std::string_view key,
                                uint64_t& value) {
  value = 0;
  std::string text;
  auto s = db->Get(read, meta, ToSlice(key), &text);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return Error("cannot read meta key " + std::string(key), s);
  if (!ParseU64(text, value)) {
    return Status::Invalid("state_dir " + dir.string() + " has meta key " + std::string(key) +
                           " = '" + text + "', expected a decimal integer");
  }
  return Status::Ok();
}

Status Store::GetCheckpoint(std::string_view source, std::string& checkpoint) {
  checkpoint.clear();
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->checkpoints, ToSlice(source), &checkpoint);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read the checkpoint of source " + std::string(source), s);
  return Status::Ok();
}

Status Store::GetSourceState(std::string_view source, std::string_view key, std::optional<std::string>& value) {
  value.reset();
  std::string text;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->checkpoints, SourceStateKey(source, key), &text);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read state '" + std::string(key) + "' of source " + std::string(source), s);
  value = std::move(text);
  return Status::Ok();
}

Status Store::ScanSourceState(std::string_view source, std::string_view prefix,
                              const std::function<bool(std::string_view, std::string_view)>& visit) {
  const std::string start = SourceStateKey(source, prefix);
  const std::string_view name_part = std::string_view(start).substr(0, start.size() - prefix.size());
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->checkpoints));
  for (it->Seek(start); it->Valid(); it->Next()) {
    const std::string_view key = ToView(it->key());
    if (!key.starts_with(start)) break;
    if (!visit(key.substr(name_part.size()), ToView(it->value()))) break;
  }
  if (!it->status().ok())
    return impl_->Error("cannot scan state '" + std::string(prefix) + "' of source " + std::string(source), it->status());
  return Status::Ok();
}

uint64_t Store::RecordCount(std::string_view source) {
  uint64_t count = 0;
  // A damaged count reads as 0 here; Verify reports it.
  (void)impl_->ReadMetaU64(rocksdb::ReadOptions(), RecordCountKey(source), count);
  return count;
}

Status Store::GetRecord(std::string_view source, std::string_view id,
                        std::optional<mltrend::Record>& out) {
  out.reset();
  rocksdb::PinnableSlice value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->records, RecordKey(source, id), &value);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read a record of source " + std::string(source), s);
  out.emplace();
  auto st = DecodeRecord(ToView(value), *out);
  if (!st.ok()) {
    out.reset();
    return Status::Internal("state_dir " + impl_->dir.string() + ": record '" + std::string(id) +
                            "' of source " + std::string(source) + " is damaged: " + st.message());
  }
  return Status::Ok();
}

uint64_t Store::LastSequence() const { return impl_->last_sequence.load(); }

Status Store::Impl::PutMeta(std::string_view key, std::string_view value, bool sync) {
  if (key.substr(0, kMetaPrefix.size()) == kMetaPrefix) {
    return Status::Invalid("meta key '" + std::string(key) + "' uses the prefix '" +
                           std::string(kMetaPrefix) + "' reserved for the store itself");
  }
  rocksdb::WriteBatch batch;
  auto s = batch.Put(meta, ToSlice(key), ToSlice(value));
  if (!s.ok()) return Error("cannot build the batch of meta key " + std::string(key), s);
  return Write(batch, "write meta key " + std::string(key), sync);
}

Status Store::PutMeta(std::string_view key, std::string_view value) { return impl_->PutMeta(key, value, false); }

// The plugin guard's "entered" mark (runtime/plugin_guard.hpp) must survive
// the crash it is there to explain: on disk when this returns.
Status Store::PutMetaSynced(std::string_view key, std::string_view value) { return impl_->PutMeta(key, value, true); }

Status Store::GetMeta(std::string_view key, std::optional<std::string>& value) {
  value.reset();
  std::string text;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->meta, ToSlice(key), &text);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return impl_->Error("cannot read meta key " + std::string(key), s);
  value = std::move(text);
  return Status::Ok();
}

namespace {

uint64_t FamilyBytes(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* handle) {
  uint64_t total = 0, v = 0;
  if (db.GetIntProperty(handle, "rocksdb.total-sst-files-size", &v)) total += v;
  if (db.GetIntProperty(handle, "rocksdb.size-all-mem-tables", &v)) total += v;
  return total;
}

}  // namespace

uint64_t Store::ApproximateSizeBytes() {
  uint64_t total = 0;
  for (auto* handle : impl_->handles) total += FamilyBytes(*impl_->db, handle);
  return total;
}

uint64_t Store::ChangeLogBytes() { return FamilyBytes(*impl_->db, impl_->changelog); }

}  // namespace mltrendd
