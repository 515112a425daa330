//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — jsonl_record.cpp
//===----------------------------------------------------------------------===//
// Validation lives here, before a record reaches the store: the store keeps
// whatever a source emits, so a source is the one place to refuse bad data.
#include "jsonl_record.hpp"

#include <charconv>
#include <cstdint>
#include <map>
#include <vector>

#include "mini_json.hpp"

namespace jsonl_example {
namespace {

using Kind = JsonValue::Kind;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

//! "YYYY-MM-DD" optionally followed by a time ("T12:00:00Z"); the sink
//! groups by the first seven characters, so they must be a real month.
bool IsIsoDate(std::string_view d) {
  if (d.size() < 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!IsDigit(d[i])) return false;
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && (d.size() == 10 || d[10] == 'T');
}

bool StringList(const JsonValue& v, std::vector<std::string>& out) {
  if (v.kind != Kind::kArray) return false;
  for (const JsonValue& item : v.items) {
    if (item.kind != Kind::kString) return false;
    out.push_back(item.text);
  }
  return true;
}

//! An integer literal that fits int64 ("12", "-3"; not "1.5" or "1e3").
bool Integer(const JsonValue& v, int64_t& out) {
  if (v.kind != Kind::kNumber) return false;
  const char* end = v.text.data() + v.text.size();
  auto [stop, ec] = std::from_chars(v.text.data(), end, out);
  return ec == std::errc() && stop == end;
}

}  // namespace

bool ParseRecordLine(std::string_view line, mltrend::Record& out, std::string& id, std::string& why) {
  out = mltrend::Record{};
  id.clear();
  JsonValue doc;
  if (!ParseJson(line, doc, why)) return false;
  if (doc.kind != Kind::kObject) {
    why = "a line must be a JSON object";
    return false;
  }
  // Find the id first, so every later complaint can name the record.
  for (const auto& [key, value] : doc.members)
    if (key == "id" && value.kind == Kind::kString) id = value.text;
  if (id.empty()) {
    why = "missing or empty \"id\"";
    return false;
  }
  out.id = id;
  for (const auto& [key, value] : doc.members) {
    bool ok = true;
    if (key == "name") {
      ok = value.kind == Kind::kString;
      out.name = value.text;
    } else if (key == "date") {
      ok = value.kind == Kind::kString && (value.text.empty() || IsIsoDate(value.text));
      out.date = value.text;
    } else if (key == "tags") {
      ok = StringList(value, out.tags);
    } else if (key == "library_names") {
      ok = StringList(value, out.library_names);
    } else if (key == "topics") {
      ok = StringList(value, out.topics);
    } else if (key == "declared") {
      ok = StringList(value, out.declared);
    } else if (key == "metrics") {
      ok = value.kind == Kind::kObject;
      for (const auto& [metric, number] : value.members) {
        ok = ok && Integer(number, out.metrics[metric]);
      }
    } else if (key == "attrs") {
      ok = value.kind == Kind::kObject;
      for (const auto& [attr, text] : value.members) {
        ok = ok && text.kind == Kind::kString;
        out.attrs[attr] = text.text;
      }
    }
    if (!ok) {
      why = "\"" + key + "\" has the wrong type or format";
      return false;
    }
  }
  if (out.name.empty()) out.name = out.id;
  return true;
}

}  // namespace jsonl_example
