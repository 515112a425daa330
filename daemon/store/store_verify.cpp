//===----------------------------------------------------------------------===//
// mltrendd — store/store_verify.cpp
//===----------------------------------------------------------------------===//
// Store::Verify, behind `mltrendd --verify`: reads everything at one snapshot
// and reports what does not hold together.
#include <map>

#include <rocksdb/snapshot.h>

#include "mltrendd/store/record_codec.hpp"
#include "store_impl.hpp"

namespace mltrendd {

namespace {

//! Collects findings; lists the first kMaxListed, then only counts, so a
//! store damaged throughout still gives a report one can read.
class Findings {
 public:
  explicit Findings(std::string& report) : report_(report) {}

  void Add(const std::string& finding) {
    if (first_.empty()) first_ = finding;
    if (++count_ <= kMaxListed) report_.append("problem: ").append(finding).push_back('\n');
  }
  size_t Count() const { return count_; }
  const std::string& First() const { return first_; }
  void Close() {
    if (count_ > kMaxListed) {
      report_.append("... and ").append(std::to_string(count_ - kMaxListed)).append(" more problems\n");
    }
  }

 private:
  static constexpr size_t kMaxListed = 100;
  std::string& report_;
  std::string first_;
  size_t count_ = 0;
};

std::string Printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out.push_back(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out.append("\\x").push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

}  // namespace

Status Store::Verify(std::string& report) {
  Impl& impl = *impl_;
  rocksdb::ManagedSnapshot snapshot(impl.db.get());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  read.fill_cache = false;
  Findings findings(report);

  uint64_t position = 0;
  if (auto s = impl.SnapshotPosition(read, position); !s.ok()) return s;
  // Every page writes the high-water mark with its entries, so no entry may
  // be above it; Open would otherwise reuse that entry's sequence.
  uint64_t high_water = 0;
  if (auto s = impl.ReadMetaU64(read, kMetaLastSequence, high_water); !s.ok()) {
    findings.Add(s.message());
  }

  // Records: each decodes, its id matches its key; count them per source.
  std::map<std::string, uint64_t, std::less<>> counted;
  uint64_t records = 0;
  {
    mltrend::Record record;
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.records));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++records;
      const std::string_view key = ToView(it->key());
      const size_t sep = key.find(kStateSep);
      if (sep == std::string_view::npos) {
        findings.Add("record key '" + Printable(key) + "' has no source separator");
        continue;
      }
      const std::string_view source = key.substr(0, sep);
      const std::string_view id = key.substr(sep + 1);
      auto entry = counted.find(source);
      if (entry == counted.end()) entry = counted.emplace(std::string(source), 0).first;
      ++entry->second;
      if (auto s = DecodeRecord(ToView(it->value()), record); !s.ok()) {
        findings.Add("record '" + Printable(id) + "' of source " + std::string(source) +
                     " does not decode: " + s.message());
      } else if (record.id != id) {
        findings.Add("record '" + Printable(id) + "' of source " + std::string(source) +
                     " holds id '" + Printable(record.id) + "'");
      }
    }
    if (!it->status().ok()) return impl.Error("cannot read the records", it->status());
  }

  // Counts: every stored count matches, and every source with records has one.
  std::map<std::string, uint64_t, std::less<>> stored;
  {
    const std::string prefix(kMetaRecordCountPrefix);
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.meta));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const std::string source(ToView(it->key()).substr(prefix.size()));
      uint64_t n = 0;
      if (!ParseU64(ToView(it->value()), n)) {
        findings.Add("record count of source " + source + " is not a number: '" +
                     Printable(ToView(it->value())) + "'");
      }
      stored[source] = n;
    }
    if (!it->status().ok()) return impl.Error("cannot read meta", it->status());
  }
  for (const auto& [source, n] : counted) {
    auto found = stored.find(source);
    const uint64_t meta = found == stored.end() ? 0 : found->second;
    if (meta != n) {
      findings.Add("source " + source + " has " + std::to_string(n) + " records but its count says " +
                   std::to_string(meta));
    }
  }
  for (const auto& [source, n] : stored) {
    if (n != 0 && counted.find(source) == counted.end()) {
      findings.Add("source " + source + " has no records but its count says " + std::to_string(n));
    }
  }

  // Checkpoints: only a page commit writes one, always with the source's
  // count; a checkpoint or source state without a count came from elsewhere.
  {
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.checkpoints));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view key = ToView(it->key());
      const std::string_view source = key.substr(0, key.find(kStateSep));
      if (source.empty() || stored.find(source) == stored.end()) {
        findings.Add("checkpoint key '" + Printable(key) + "' belongs to no source that committed a page");
      }
    }
    if (!it->status().ok()) return impl.Error("cannot read the checkpoints", it->status());
  }

  // Change log: each key is a sequence, each value decodes, none is ahead.
  uint64_t changes = 0;
  {
    mltrend::Change change;
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(read, impl.changelog));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++changes;
      uint64_t seq = 0;
      if (!ParseSequenceKey(ToView(it->key()), seq)) {
        findings.Add("change-log key '" + Printable(ToView(it->key())) + "' is not 8 bytes");
        continue;
      }
      if (auto s = DecodeChange(ToView(it->value()), change); !s.ok()) {
        findings.Add("change-log entry " + std::to_string(seq) + " does not decode: " + s.message());
      } else if (seq > high_water) {
        findings.Add("change-log entry " + std::to_string(seq) + " is past the high-water mark " +
                     std::to_string(high_water) + " in meta");
      }
    }
    if (!it->status().ok()) return impl.Error("cannot read the change log", it->status());
  }

  // Sinks: no cursor ahead of the log (a sink would skip changes not yet made).
  const auto cursors = impl.SinkCursors(read);
  for (const auto& [sink, cursor] : cursors) {
    if (cursor > position) {
      findings.Add("sink " + Printable(sink) + " has cursor " + std::to_string(cursor) +
                   " past the last sequence " + std::to_string(position));
    }
  }

  findings.Close();
  report.append("checked " + std::to_string(records) + " records in " +
                std::to_string(counted.size()) + " sources, " + std::to_string(changes) +
                " change-log entries up to sequence " + std::to_string(position) + ", " +
                std::to_string(cursors.size()) + " sink cursors: " +
                std::to_string(findings.Count()) + " problems\n");
  if (findings.Count() > 0) {
    return Status::Internal("state_dir " + impl.dir.string() + " failed verification (" +
                            std::to_string(findings.Count()) + " problems), first: " +
                            findings.First());
  }
  return Status::Ok();
}

}  // namespace mltrendd
