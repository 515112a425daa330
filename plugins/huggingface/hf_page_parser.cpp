#include "hf_page_parser.hpp"

#include <simdjson.h>

#include <cstdint>
#include <optional>

#include "hf_files.hpp"
#include "json_fields.hpp"

namespace mltrend::hf {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

//! Reads one model object. A simdjson error returned from any method means
//! the page itself is broken; a field with the wrong type only records a
//! problem, which rejects this one model.
class ModelReader : public plugin_json::FieldReader {
 public:
  error_code Read(od::value& value, Record& record);

 private:
  //! `siblings`: null (-> nullopt) or an array of objects each with a string
  //! `rfilename` (other keys skipped); anything else is a problem.
  error_code Siblings(od::value& v, std::optional<std::vector<std::string>>& out);
};

error_code ModelReader::Siblings(od::value& v, std::optional<std::vector<std::string>>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  if (type == od::json_type::null) return Skip(v);
  if (type != od::json_type::array) return Mismatch(v, "siblings", type, "an array");
  od::array array;
  if (error_code e = v.get_array().get(array)) return e;
  out.emplace();
  size_t index = 0;
  for (auto item : array) {
    od::value element;
    if (error_code e = std::move(item).get(element)) return e;
    od::json_type element_type;
    if (error_code e = element.type().get(element_type)) return e;
    if (element_type != od::json_type::object) {
      Problem("'siblings' element " + std::to_string(index) + " is a " + TypeName(element_type) +
              ", expected an object");
      if (error_code e = Skip(element)) return e;
      ++index;
      continue;
    }
    od::object object;
    if (error_code e = element.get_object().get(object)) return e;
    std::optional<std::string> name;
    error_code fields = ForEachField(object, [&](std::string_view key, od::value& field) {
      if (key == "rfilename") return OptString(field, "siblings[].rfilename", name);
      return Skip(field);
    });
    if (fields) return fields;
    if (!name) Problem("'siblings' element " + std::to_string(index) + " has no string 'rfilename'");
    else out->push_back(std::move(*name));
    ++index;
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
    return Skip(value);
  }
  od::object object;
  if (error_code e = value.get_object().get(object)) return e;
  std::optional<std::string> object_id, name, created, modified, pipeline, library, sha;
  std::optional<std::vector<std::string>> siblings;
  std::optional<int64_t> downloads, likes;
  error_code fields = ForEachField(object, [&](std::string_view key, od::value& v) {
    if (key == "_id") return OptString(v, key, object_id);
    if (key == "id") return OptString(v, key, name);
    if (key == "createdAt") return OptString(v, key, created);
    if (key == "lastModified") return OptString(v, key, modified);
    if (key == "pipeline_tag") return OptString(v, key, pipeline);
    if (key == "library_name") return OptString(v, key, library);
    if (key == "downloads") return OptCount(v, key, downloads);
    if (key == "likes") return OptCount(v, key, likes);
    if (key == "tags") return Strings(v, key, record.tags);
    if (key == "sha") return OptString(v, key, sha);
    if (key == "siblings") return Siblings(v, siblings);
    return Skip(v);
  });
  if (fields) return fields;

  if (object_id) record.id = *object_id;
  if (name) record.name = *name;
  if (!object_id) Problem("'_id' is missing");
  else if (object_id->empty()) Problem("'_id' is empty");
  if (!name) Problem("'id' is missing");
  else if (name->empty()) Problem("'id' is empty");
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
  if (sha) record.attrs["sha"] = *sha;
  if (siblings) {
    record.files = SelectEvidenceFiles(*siblings);
    record.attrs["files_listed"] = "true";
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
    return Status::Invalid(std::string("page is a JSON ") + plugin_json::FieldReader::TypeName(type) +
                           ", expected an array of models");
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
