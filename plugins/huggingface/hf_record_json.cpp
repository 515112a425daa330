#include "hf_record_json.hpp"

#include <simdjson.h>

#include "json_strings.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::hf {

namespace {

using plugin_json::WriteStrings;

bool ReadString(simdjson::dom::object object, std::string_view key, std::string& out) {
  std::string_view text;
  if (object[key].get(text)) return false;
  out = std::string(text);
  return true;
}

bool ReadStrings(simdjson::dom::object object, std::string_view key, std::vector<std::string>& out) {
  simdjson::dom::array array;
  if (object[key].get(array)) return false;
  out.clear();
  for (auto item : array) {
    std::string_view text;
    if (item.get(text)) return false;
    out.emplace_back(text);
  }
  return true;
}

}  // namespace

std::string EncodeRecord(const Record& record) {
  JsonWriter w;
  w.BeginObject().Key("id").String(record.id).Key("name").String(record.name).Key("date").String(record.date);
  w.Key("period_override").String(record.period_override);
  WriteStrings(w, "tags", record.tags);
  WriteStrings(w, "library_names", record.library_names);
  WriteStrings(w, "topics", record.topics);
  WriteStrings(w, "declared", record.declared);
  WriteStrings(w, "files", record.files);
  WriteStrings(w, "header_formats", record.header_formats);
  w.Key("metrics").BeginObject();
  for (const auto& [key, value] : record.metrics) w.Key(key).Int(value);
  w.EndObject().Key("attrs").BeginObject();
  for (const auto& [key, value] : record.attrs) w.Key(key).String(value);
  w.EndObject().EndObject();
  return w.Take();
}

Status DecodeRecord(std::string_view text, Record& out) {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(text.data(), text.size()).get(root)) return Status::Invalid("stored record is not a JSON object");
  Record record;
  simdjson::dom::object metrics, attrs;
  if (!ReadString(root, "id", record.id) || !ReadString(root, "name", record.name) ||
      !ReadString(root, "date", record.date) || !ReadString(root, "period_override", record.period_override) ||
      !ReadStrings(root, "tags", record.tags) || !ReadStrings(root, "library_names", record.library_names) ||
      !ReadStrings(root, "topics", record.topics) || !ReadStrings(root, "declared", record.declared) ||
      root["metrics"].get(metrics) || root["attrs"].get(attrs))
    return Status::Invalid("stored record lacks a key or has one of the wrong type");
  // Copies stored before files and header formats existed have neither.
  for (auto [key, list] : {std::pair{"files", &record.files}, std::pair{"header_formats", &record.header_formats}}) {
    simdjson::dom::element present;
    if (root[key].get(present) == simdjson::SUCCESS && !ReadStrings(root, key, *list))
      return Status::Invalid(std::string("stored record '") + key + "' is not an array of strings");
  }
  for (auto [key, value] : metrics) {
    int64_t n = 0;
    if (value.get(n)) return Status::Invalid("stored record metric '" + std::string(key) + "' is not an integer");
    record.metrics[std::string(key)] = n;
  }
  for (auto [key, value] : attrs) {
    std::string_view s;
    if (value.get(s)) return Status::Invalid("stored record attr '" + std::string(key) + "' is not a string");
    record.attrs[std::string(key)] = std::string(s);
  }
  out = std::move(record);
  return Status::Ok();
}

}  // namespace mltrend::hf
