#include "hf_page_parser.hpp"

#include <simdjson.h>

#include <cstdint>
#include <optional>

namespace mltrend::hf {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

const char* TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "unknown value";
}

//! Consumes `value` whole, checking every token. On-Demand only validates
//! what it reads, so a value skipped unread could hide a bad literal or a
//! broken number; reading everything keeps "the page is valid JSON" true.
error_code SkipValidated(od::value& value) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (error_code e = value.get_object().get(object)) return e;
      for (auto item : object) {
        od::field field;
        if (error_code e = std::move(item).get(field)) return e;
        std::string_view key;
        if (error_code e = field.unescaped_key().get(key)) return e;
        if (error_code e = SkipValidated(field.value())) return e;
      }
      return SUCCESS;
    }
    case od::json_type::array: {
      od::array array;
      if (error_code e = value.get_array().get(array)) return e;
      for (auto item : array) {
        od::value element;
        if (error_code e = std::move(item).get(element)) return e;
        if (error_code e = SkipValidated(element)) return e;
      }
      return SUCCESS;
    }
    case od::json_type::number: {
      double ignored;
      return value.get_double().get(ignored);
    }
    case od::json_type::string: {
      std::string_view ignored;
      return value.get_string().get(ignored);
    }
    case od::json_type::boolean: {
      bool ignored;
      return value.get_bool().get(ignored);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (error_code e = value.is_null().get(is_null)) return e;
      return is_null ? SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

//! Reads one model object. A simdjson error returned from any method means
//! the page itself is broken; a field with the wrong type only records a
//! problem, which rejects this one model.
class ModelReader {
 public:
  error_code Read(od::value& value, Record& record);
  const std::string& problem() const { return problem_; }

 private:
  void Problem(std::string text) {
    if (problem_.empty()) problem_ = std::move(text);
  }
  error_code Mismatch(od::value& value, std::string_view key, od::json_type type, const char* expected) {
    Problem("'" + std::string(key) + "' is a " + TypeName(type) + ", expected " + expected);
    return SkipValidated(value);
  }
  error_code ReadString(od::value& value, std::string_view key, std::optional<std::string>& out);
  error_code ReadCount(od::value& value, std::string_view key, std::optional<int64_t>& out);
  error_code ReadStrings(od::value& value, std::string_view key, std::vector<std::string>& out);

  std::string problem_;
};

error_code ModelReader::ReadString(od::value& value, std::string_view key, std::optional<std::string>& out) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  out.reset();
  if (type == od::json_type::null) return SkipValidated(value);
  if (type != od::json_type::string) return Mismatch(value, key, type, "a string");
  std::string_view text;
  if (error_code e = value.get_string().get(text)) return e;
  out.emplace(text);
  return SUCCESS;
}

error_code ModelReader::ReadCount(od::value& value, std::string_view key, std::optional<int64_t>& out) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  out.reset();
  if (type == od::json_type::null) return SkipValidated(value);
  if (type != od::json_type::number) return Mismatch(value, key, type, "an integer");
  od::number_type kind;
  if (error_code e = value.get_number_type().get(kind)) return e;
  if (kind != od::number_type::signed_integer) {
    Problem("'" + std::string(key) + "' is " +
            (kind == od::number_type::floating_point_number ? "not an integer" : "too large"));
    return SkipValidated(value);
  }
  int64_t number;
  if (error_code e = value.get_int64().get(number)) return e;
  if (number < 0) Problem("'" + std::string(key) + "' is negative (" + std::to_string(number) + ")");
  else out = number;
  return SUCCESS;
}

error_code ModelReader::ReadStrings(od::value& value, std::string_view key, std::vector<std::string>& out) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  out.clear();
  if (type == od::json_type::null) return SkipValidated(value);
  if (type != od::json_type::array) return Mismatch(value, key, type, "an array of strings");
  od::array array;
  if (error_code e = value.get_array().get(array)) return e;
  for (auto item : array) {
    od::value element;
    if (error_code e = std::move(item).get(element)) return e;
    if (error_code e = element.type().get(type)) return e;
    if (type != od::json_type::string) {
      Problem("'" + std::string(key) + "' holds a " + TypeName(type) + ", expected only strings");
      if (error_code e = SkipValidated(element)) return e;
      continue;
    }
    std::string_view text;
    if (error_code e = element.get_string().get(text)) return e;
    out.emplace_back(text);
  }
  return SUCCESS;
}

//! "YYYY-MM-DDTHH:MM:SS" followed by anything (fraction, Z, offset).
bool LooksLikeIsoTimestamp(std::string_view s) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != kShape[i]) return false;
  }
  return true;
}

error_code ModelReader::Read(od::value& value, Record& record) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  if (type != od::json_type::object) {
    Problem(std::string("the model is a ") + TypeName(type) + ", expected an object");
    return SkipValidated(value);
  }
  od::object object;
  if (error_code e = value.get_object().get(object)) return e;
  std::optional<std::string> object_id, name, created, modified, pipeline, library;
  std::optional<int64_t> downloads, likes;
  for (auto item : object) {
    od::field field;
    if (error_code e = std::move(item).get(field)) return e;
    std::string_view key_view;
    if (error_code e = field.unescaped_key().get(key_view)) return e;
    const std::string key(key_view);
    od::value& field_value = field.value();
    error_code e = SUCCESS;
    if (key == "_id") e = ReadString(field_value, key, object_id);
    else if (key == "id") e = ReadString(field_value, key, name);
    else if (key == "createdAt") e = ReadString(field_value, key, created);
    else if (key == "lastModified") e = ReadString(field_value, key, modified);
    else if (key == "pipeline_tag") e = ReadString(field_value, key, pipeline);
    else if (key == "library_name") e = ReadString(field_value, key, library);
    else if (key == "downloads") e = ReadCount(field_value, key, downloads);
    else if (key == "likes") e = ReadCount(field_value, key, likes);
    else if (key == "tags") e = ReadStrings(field_value, key, record.tags);
    else e = SkipValidated(field_value);
    if (e) return e;
  }

  if (object_id) record.id = *object_id;
  if (name) record.name = *name;
  if (!object_id) Problem("'_id' is missing");
  else if (object_id->empty()) Problem("'_id' is empty");
  if (!name) Problem("'id' is missing");
  if (created) {
    if (!LooksLikeIsoTimestamp(*created)) Problem("'createdAt' is not an ISO-8601 timestamp: '" + *created + "'");
    record.date = *created;
    record.attrs["createdAt"] = *created;
    if (created->substr(0, 19) == kCreatedAtFloor.substr(0, 19)) record.period_override = kPreFloorPeriod;
  }
  if (modified) record.attrs["lastModified"] = *modified;
  if (pipeline) record.attrs["pipeline_tag"] = *pipeline;
  if (library) {
    record.attrs["library_name"] = *library;
    record.library_names = SplitLibraryNames(*library);
  }
  if (downloads) record.metrics["downloads"] = *downloads;
  if (likes) record.metrics["likes"] = *likes;
  return SUCCESS;
}

Status Broken(error_code e, size_t index) {
  return Status::Invalid("page is not valid JSON (truncated or malformed) at model " + std::to_string(index) + ": " +
                         simdjson::error_message(e));
}

}  // namespace

std::vector<std::string> SplitLibraryNames(std::string_view raw) {
  std::vector<std::string> out;
  while (true) {
    size_t comma = raw.find(',');
    std::string_view part = raw.substr(0, comma);
    size_t first = part.find_first_not_of(" \t\r\n");
    size_t last = part.find_last_not_of(" \t\r\n");
    if (first != std::string_view::npos) out.emplace_back(part.substr(first, last - first + 1));
    if (comma == std::string_view::npos) break;
    raw.remove_prefix(comma + 1);
  }
  return out;
}

Status ParseModelsPage(std::string_view body, ParsedPage& out) {
  out = ParsedPage{};
  simdjson::padded_string padded(body.data(), body.size());
  od::parser parser;
  od::document document;
  if (error_code e = parser.iterate(padded).get(document))
    return Status::Invalid(std::string("page is not valid JSON: ") + simdjson::error_message(e));
  od::json_type type;
  if (error_code e = document.type().get(type))
    return Status::Invalid(std::string("page is not valid JSON: ") + simdjson::error_message(e));
  if (type != od::json_type::array)
    return Status::Invalid(std::string("page is a JSON ") + TypeName(type) + ", expected an array of models");
  od::array array;
  if (error_code e = document.get_array().get(array))
    return Status::Invalid(std::string("page is not valid JSON (truncated or malformed): ") +
                           simdjson::error_message(e));
  size_t index = 0;
  for (auto item : array) {
    od::value value;
    if (error_code e = std::move(item).get(value)) return Broken(e, index);
    Record record;
    ModelReader reader;
    if (error_code e = reader.Read(value, record)) return Broken(e, index);
    if (reader.problem().empty()) {
      out.records.push_back(std::move(record));
    } else {
      std::string id = !record.id.empty() ? record.id : record.name;
      out.rejections.push_back(Rejection{index, std::move(id), reader.problem()});
    }
    ++index;
  }
  // The array is closed; anything after it means this was not one JSON value.
  if (!document.current_location().error()) return Status::Invalid("page has content after its JSON array");
  return Status::Ok();
}

}  // namespace mltrend::hf
