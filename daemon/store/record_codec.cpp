//===----------------------------------------------------------------------===//
// mltrendd — store/record_codec.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/store/record_codec.hpp"

#include <cstdint>
#include <map>
#include <vector>

#include "mltrend/varint.hpp"

namespace mltrendd {

namespace {

//! Version 2 added `files` and `header_formats` after `declared`; version 1
//! records (written before them) still decode, with both empty.
constexpr uint8_t kRecordVersion = 2;
constexpr uint8_t kRecordVersionV1 = 1;
constexpr uint8_t kChangeVersion = 1;
constexpr uint8_t kHasBefore = 1;
constexpr uint8_t kHasAfter = 2;

using mltrend::PutVarint;
using mltrend::UnZigZag;
using mltrend::ZigZag;

void PutString(std::string& out, std::string_view s) { mltrend::PutLengthPrefixed(out, s); }

void PutList(std::string& out, const std::vector<std::string>& list) {
  PutVarint(out, list.size());
  for (const auto& s : list) PutString(out, s);
}

//! Reads fields front to back; the first failure sticks in `error` and
//! names the field, so one sentence says what was damaged.
class Reader {
 public:
  Reader(std::string_view bytes, const char* what) : bytes_(bytes), what_(what) {}

  bool Failed() const { return !error_.empty(); }
  const std::string& Error() const { return error_; }
  size_t Remaining() const { return bytes_.size() - pos_; }

  bool Byte(uint8_t& v, const char* field) {
    if (Remaining() < 1) return Fail(field, "is truncated");
    v = static_cast<uint8_t>(bytes_[pos_++]);
    return true;
  }

  bool Varint(uint64_t& v, const char* field) {
    switch (mltrend::ReadVarint(bytes_, pos_, v)) {
      case mltrend::VarintError::kNone: return true;
      case mltrend::VarintError::kTruncated: return Fail(field, "is truncated");
      case mltrend::VarintError::kOverflow: break;
    }
    return Fail(field, "overflows 64 bits");
  }

  bool Bytes(std::string_view& v, const char* field) {
    uint64_t n = 0;
    if (!Varint(n, field)) return false;
    if (n > Remaining()) return Fail(field, "is truncated");
    v = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  bool String(std::string& v, const char* field) {
    std::string_view s;
    if (!Bytes(s, field)) return false;
    v.assign(s.data(), s.size());
    return true;
  }

  //! A count of elements that each take at least one byte: a count larger
  //! than what is left is damage, caught before anything is reserved.
  bool Count(uint64_t& n, const char* field) {
    if (!Varint(n, field)) return false;
    if (n > Remaining()) return Fail(field, "has a count larger than the bytes left");
    return true;
  }

  bool List(std::vector<std::string>& list, const char* field) {
    uint64_t n = 0;
    if (!Count(n, field)) return false;
    list.resize(n);
    for (auto& s : list) {
      if (!String(s, field)) return false;
    }
    return true;
  }

  bool Fail(const char* field, const char* problem) {
    if (error_.empty()) {
      error_ = std::string(what_) + " field '" + field + "' " + problem + " at byte " +
               std::to_string(pos_) + " of " + std::to_string(bytes_.size());
    }
    return false;
  }

  bool Finish() {
    if (Remaining() != 0) {
      error_ = std::string(what_) + " has " + std::to_string(Remaining()) +
               " trailing bytes after its last field (" + std::to_string(bytes_.size()) +
               " bytes in all)";
      return false;
    }
    return true;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  const char* what_;
  std::string error_;
};

bool ReadMetrics(Reader& r, std::map<std::string, int64_t>& metrics) {
  uint64_t n = 0;
  if (!r.Count(n, "metrics")) return false;
  std::string key;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t raw = 0;
    if (!r.String(key, "metrics") || !r.Varint(raw, "metrics")) return false;
    if (!metrics.empty() && !(metrics.rbegin()->first < key)) {
      return r.Fail("metrics", "has keys out of order");
    }
    metrics.emplace_hint(metrics.end(), key, UnZigZag(raw));
  }
  return true;
}

bool ReadAttrs(Reader& r, std::map<std::string, std::string>& attrs) {
  uint64_t n = 0;
  if (!r.Count(n, "attrs")) return false;
  std::string key;
  std::string value;
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.String(key, "attrs") || !r.String(value, "attrs")) return false;
    if (!attrs.empty() && !(attrs.rbegin()->first < key)) {
      return r.Fail("attrs", "has keys out of order");
    }
    attrs.emplace_hint(attrs.end(), key, value);
  }
  return true;
}

}  // namespace

void AppendRecord(const mltrend::Record& record, std::string& out) {
  out.push_back(static_cast<char>(kRecordVersion));
  PutString(out, record.id);
  PutString(out, record.name);
  PutString(out, record.date);
  PutString(out, record.period_override);
  PutList(out, record.tags);
  PutList(out, record.library_names);
  PutList(out, record.topics);
  PutList(out, record.declared);
  PutList(out, record.files);
  PutList(out, record.header_formats);
  PutVarint(out, record.metrics.size());
  for (const auto& [key, value] : record.metrics) {
    PutString(out, key);
    PutVarint(out, ZigZag(value));
  }
  PutVarint(out, record.attrs.size());
  for (const auto& [key, value] : record.attrs) {
    PutString(out, key);
    PutString(out, value);
  }
}

void EncodeRecord(const mltrend::Record& record, std::string& out) {
  out.clear();
  AppendRecord(record, out);
}

mltrend::Status DecodeRecord(std::string_view bytes, mltrend::Record& out) {
  Reader r(bytes, "record");
  uint8_t version = 0;
  if (!r.Byte(version, "version")) return mltrend::Status::Invalid(r.Error());
  if (version != kRecordVersion && version != kRecordVersionV1) {
    return mltrend::Status::Invalid("record has encoding version " + std::to_string(version) +
                                    ", this mltrendd reads versions 1 to " +
                                    std::to_string(kRecordVersion));
  }
  out.metrics.clear();
  out.attrs.clear();
  out.files.clear();
  out.header_formats.clear();
  const bool ok = r.String(out.id, "id") && r.String(out.name, "name") &&
                  r.String(out.date, "date") && r.String(out.period_override, "period_override") &&
                  r.List(out.tags, "tags") && r.List(out.library_names, "library_names") &&
                  r.List(out.topics, "topics") && r.List(out.declared, "declared") &&
                  (version == kRecordVersionV1 ||
                   (r.List(out.files, "files") && r.List(out.header_formats, "header_formats"))) &&
                  ReadMetrics(r, out.metrics) && ReadAttrs(r, out.attrs) && r.Finish();
  if (!ok) return mltrend::Status::Invalid(r.Error());
  return mltrend::Status::Ok();
}

void AppendEncodedChange(std::string_view source, std::string_view id,
                         std::optional<std::string_view> encoded_before,
                         std::optional<std::string_view> encoded_after, std::string& out) {
  out.push_back(static_cast<char>(kChangeVersion));
  PutString(out, source);
  PutString(out, id);
  uint8_t flags = 0;
  if (encoded_before) flags |= kHasBefore;
  if (encoded_after) flags |= kHasAfter;
  out.push_back(static_cast<char>(flags));
  if (encoded_before) PutString(out, *encoded_before);
  if (encoded_after) PutString(out, *encoded_after);
}

void EncodeChange(const mltrend::Change& change, std::string& out) {
  out.clear();
  std::string before;
  std::string after;
  std::optional<std::string_view> before_view;
  std::optional<std::string_view> after_view;
  if (change.before) {
    AppendRecord(*change.before, before);
    before_view = before;
  }
  if (change.after) {
    AppendRecord(*change.after, after);
    after_view = after;
  }
  AppendEncodedChange(change.source, change.id, before_view, after_view, out);
}

mltrend::Status DecodeChange(std::string_view bytes, mltrend::Change& out) {
  Reader r(bytes, "change");
  uint8_t version = 0;
  if (!r.Byte(version, "version")) return mltrend::Status::Invalid(r.Error());
  if (version != kChangeVersion) {
    return mltrend::Status::Invalid("change has encoding version " + std::to_string(version) +
                                    ", this mltrendd reads only version " +
                                    std::to_string(kChangeVersion));
  }
  out.seq = 0;
  uint8_t flags = 0;
  if (!r.String(out.source, "source") || !r.String(out.id, "id") || !r.Byte(flags, "flags")) {
    return mltrend::Status::Invalid(r.Error());
  }
  if ((flags & ~(kHasBefore | kHasAfter)) != 0) {
    return mltrend::Status::Invalid("change field 'flags' has unknown bits set (flags byte " +
                                    std::to_string(flags) + ")");
  }
  const auto side = [&](bool present, const char* field,
                        std::optional<mltrend::Record>& record) -> mltrend::Status {
    record.reset();
    if (!present) return mltrend::Status::Ok();
    std::string_view nested;
    if (!r.Bytes(nested, field)) return mltrend::Status::Invalid(r.Error());
    record.emplace();
    auto s = DecodeRecord(nested, *record);
    if (!s.ok()) return mltrend::Status::Invalid("change field '" + std::string(field) + "': " + s.message());
    return s;
  };
  if (auto s = side(flags & kHasBefore, "before", out.before); !s.ok()) return s;
  if (auto s = side(flags & kHasAfter, "after", out.after); !s.ok()) return s;
  if (!r.Finish()) return mltrend::Status::Invalid(r.Error());
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
