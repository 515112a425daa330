//===----------------------------------------------------------------------===//
// mltrend plugins — common/json_fields.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrend::plugin_json {

//! Reads typed fields of one JSON object (the in-tree plugins share it) with simdjson On-Demand: strict
//! about the types of known fields, tolerant of unknown ones. A simdjson
//! error returned means the JSON itself is broken; a field of the wrong type
//! only records a problem (the first one is kept), which rejects the object.
class FieldReader {
 public:
  using error_code = simdjson::error_code;
  using value = simdjson::ondemand::value;

  //! A string or null (-> nullopt).
  error_code OptString(value& v, std::string_view key, std::optional<std::string>& out);
  //! A boolean or null (-> nullopt).
  error_code OptBool(value& v, std::string_view key, std::optional<bool>& out);
  //! A non-negative integer or null (-> nullopt).
  error_code OptCount(value& v, std::string_view key, std::optional<int64_t>& out);
  //! An array of strings or null (-> empty); a non-string element is a problem.
  error_code Strings(value& v, std::string_view key, std::vector<std::string>& out);
  //! "array", "object", "number", ... for messages.
  static const char* TypeName(simdjson::ondemand::json_type type);
  //! Calls `visit(key, value)` for each field of `object` in order (the key
  //! unescaped); stops at the first error, the document's or the visitor's.
  //! The visitor consumes the value: reads it or Skip()s it.
  template <typename Visit>
  static error_code ForEachField(simdjson::ondemand::object& object, Visit&& visit) {
    for (auto item : object) {
      simdjson::ondemand::field field;
      if (error_code e = std::move(item).get(field)) return e;
      std::string_view key;
      if (error_code e = field.unescaped_key().get(key)) return e;
      if (error_code e = visit(key, field.value())) return e;
    }
    return simdjson::SUCCESS;
  }
  //! Consumes a value of any type, checking every token (On-Demand only
  //! validates what it reads; an unread bad literal would pass unseen).
  static error_code Skip(value& v);

  void Problem(std::string text) {
    if (problem_.empty()) problem_ = std::move(text);
  }
  const std::string& problem() const { return problem_; }

 private:
  std::string problem_;

 protected:
  //! Records "'key' is a <type>, expected <expected>" and skips the value.
  error_code Mismatch(value& v, std::string_view key, simdjson::ondemand::json_type type, const char* expected);
};

}  // namespace mltrend::plugin_json
