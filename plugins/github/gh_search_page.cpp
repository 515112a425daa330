//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_search_page.cpp
//===----------------------------------------------------------------------===//
#include "gh_search_page.hpp"

#include <simdjson.h>

#include <optional>

#include "json_fields.hpp"
#include "json_page.hpp"

namespace mltrend::gh {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

constexpr size_t kMaxTextBytes = 64 * 1024;

//! Reads one repository object. A simdjson error returned from Read means
//! the page is broken; a field of the wrong type only sets `problem`, which
//! rejects this repository.
class RepoReader {
 public:
  error_code Read(od::object& object, Record& record);
  const std::string& problem() const { return problem_; }

 private:
  void Problem(std::string text) {
    if (problem_.empty()) problem_ = std::move(text);
  }
  error_code Type(od::value& value, od::json_type& type) { return value.type().get(type); }
  error_code Id(od::value& value, Record& record);
  error_code Text(od::value& value, std::string_view key, bool nullable, std::optional<std::string>& out);
  error_code Count(od::value& value, std::string_view key, Record& record, const char* metric);
  error_code Flag(od::value& value, std::string_view key, Record& record);
  error_code Topics(od::value& value, Record& record);

  std::string problem_;
};

error_code RepoReader::Id(od::value& value, Record& record) {
  od::json_type type;
  if (error_code e = Type(value, type)) return e;
  if (type != od::json_type::number) {
    Problem("'id' is not a number");
    return SUCCESS;
  }
  od::number_type kind;
  if (error_code e = value.get_number_type().get(kind)) return e;
  if (kind == od::number_type::floating_point_number) {
    Problem("'id' is not an integer");
    return SUCCESS;
  }
  if (kind == od::number_type::signed_integer) {
    int64_t n;
    if (error_code e = value.get_int64().get(n)) return e;
    if (n < 0) Problem("'id' is negative");
    record.id = std::to_string(n);
  } else {
    uint64_t n;
    if (error_code e = value.get_uint64().get(n)) return e;
    record.id = std::to_string(n);
  }
  return SUCCESS;
}

error_code RepoReader::Text(od::value& value, std::string_view key, bool nullable, std::optional<std::string>& out) {
  od::json_type type;
  if (error_code e = Type(value, type)) return e;
  if (type == od::json_type::null && nullable) return SUCCESS;
  if (type != od::json_type::string) {
    Problem("'" + std::string(key) + "' is not a string");
    return SUCCESS;
  }
  std::string_view text;
  if (error_code e = value.get_string().get(text)) return e;
  // No name, date or language is this long; a repository carrying such a
  // string (a 10 MB field) is rejected rather than stored.
  if (text.size() > kMaxTextBytes) {
    Problem("'" + std::string(key) + "' is " + std::to_string(text.size()) + " bytes long, more than the " +
            std::to_string(kMaxTextBytes) + " allowed");
    return SUCCESS;
  }
  out.emplace(text);
  return SUCCESS;
}

error_code RepoReader::Count(od::value& value, std::string_view key, Record& record, const char* metric) {
  od::json_type type;
  if (error_code e = Type(value, type)) return e;
  if (type == od::json_type::null) return SUCCESS;
  od::number_type kind{};
  if (type == od::json_type::number)
    if (error_code e = value.get_number_type().get(kind)) return e;
  if (type != od::json_type::number || kind != od::number_type::signed_integer) {
    Problem("'" + std::string(key) + "' is not an integer");
    return SUCCESS;
  }
  int64_t n;
  if (error_code e = value.get_int64().get(n)) return e;
  if (n < 0) Problem("'" + std::string(key) + "' is negative");
  record.metrics[metric] = n;
  return SUCCESS;
}

error_code RepoReader::Flag(od::value& value, std::string_view key, Record& record) {
  od::json_type type;
  if (error_code e = Type(value, type)) return e;
  if (type == od::json_type::null) return SUCCESS;
  if (type != od::json_type::boolean) {
    Problem("'" + std::string(key) + "' is not true or false");
    return SUCCESS;
  }
  bool flag;
  if (error_code e = value.get_bool().get(flag)) return e;
  record.attrs[std::string(key)] = flag ? "true" : "false";
  return SUCCESS;
}

error_code RepoReader::Topics(od::value& value, Record& record) {
  od::json_type type;
  if (error_code e = Type(value, type)) return e;
  if (type != od::json_type::array) {
    Problem("'topics' is not an array of strings");
    return SUCCESS;
  }
  od::array array;
  if (error_code e = value.get_array().get(array)) return e;
  for (auto item : array) {
    od::value element;
    if (error_code e = std::move(item).get(element)) return e;
    od::json_type element_type;
    if (error_code e = Type(element, element_type)) return e;
    if (element_type != od::json_type::string) {
      Problem("'topics' holds a value that is not a string");
      continue;
    }
    std::string_view topic;
    if (error_code e = element.get_string().get(topic)) return e;
    record.topics.emplace_back(topic);
  }
  return SUCCESS;
}

error_code RepoReader::Read(od::object& object, Record& record) {
  bool has_id = false, has_name = false;
  error_code walked = plugin_json::FieldReader::ForEachField(object, [&](std::string_view key, od::value& value) {
    std::optional<std::string> text;
    error_code e = SUCCESS;
    if (key == "id") {
      has_id = true;
      e = Id(value, record);
    } else if (key == "full_name") {
      has_name = true;
      e = Text(value, key, false, text);
      // The key of every GitHub record and of its lineage is "owner/name";
      // a name without both halves cannot be stored or cited.
      if (text && (text->find('/') == std::string::npos || text->front() == '/' || text->back() == '/'))
        Problem("'full_name' \"" + *text + "\" is not owner/name");
      else if (text)
        record.name = record.attrs["full_name"] = *text;
    } else if (key == "topics") {
      e = Topics(value, record);
    } else if (key == "created_at") {
      e = Text(value, key, true, text);
      if (text) record.date = record.attrs["created_at"] = *text;
    } else if (key == "pushed_at" || key == "language" || key == "html_url") {
      e = Text(value, key, true, text);
      if (text) record.attrs[std::string(key)] = *text;
    } else if (key == "stargazers_count") {
      e = Count(value, key, record, "stars");
    } else if (key == "forks_count") {
      e = Count(value, key, record, "forks");
    } else if (key == "watchers_count") {
      e = Count(value, key, record, "watchers");
    } else if (key == "fork" || key == "archived") {
      e = Flag(value, key, record);
    }
    return e;
  });
  if (walked) return walked;
  if (!has_id) Problem("no 'id'");
  if (!has_name) Problem("no 'full_name'");
  return SUCCESS;
}

Status Broken(error_code e) { return Status::Invalid(std::string("malformed search answer: ") + simdjson::error_message(e)); }

//! A top-level field of the wrong type, named, instead of simdjson's generic
//! "does not have the requested type".
Status BrokenField(error_code e, std::string_view key, const char* expected) {
  if (e != simdjson::INCORRECT_TYPE) return Broken(e);
  return Status::Invalid("malformed search answer: '" + std::string(key) + "' is not " + expected);
}

}  // namespace

Status ParseSearchPage(std::string_view body, SearchPage& out) {
  out = SearchPage{};
  plugin_json::JsonPage page;
  od::object top;
  if (error_code e = page.Open(body, top)) {
    if (e != simdjson::INCORRECT_TYPE) return Broken(e);
    return Status::Invalid(std::string("malformed search answer: the answer is a JSON ") +
                           (page.TopType() == od::json_type::array ? "array" : "scalar") + ", expected an object");
  }
  bool has_total = false, has_items = false;
  for (auto item : top) {
    od::field field;
    if (error_code e = std::move(item).get(field)) return Broken(e);
    std::string_view key;
    if (error_code e = field.unescaped_key().get(key)) return Broken(e);
    if (key == "total_count") {
      if (error_code e = field.value().get_int64().get(out.total_count)) return BrokenField(e, key, "an integer");
      has_total = true;
    } else if (key == "incomplete_results") {
      if (error_code e = field.value().get_bool().get(out.incomplete)) return BrokenField(e, key, "a boolean");
    } else if (key == "items") {
      has_items = true;
      od::array items;
      if (error_code e = field.value().get_array().get(items)) return BrokenField(e, key, "an array");
      size_t index = 0;
      for (auto element : items) {
        od::object object;
        Record record;
        RepoReader reader;
        if (error_code e = std::move(element).get_object().get(object)) return Broken(e);
        if (error_code e = reader.Read(object, record)) return Broken(e);
        if (reader.problem().empty()) {
          out.records.push_back(std::move(record));
        } else {
          out.rejections.push_back(Rejection{index, record.id, reader.problem()});
        }
        ++index;
      }
    }
  }
  if (!has_total) return Status::Invalid("malformed search answer: no total_count");
  if (!has_items) return Status::Invalid("malformed search answer: no items");
  return Status::Ok();
}

}  // namespace mltrend::gh
