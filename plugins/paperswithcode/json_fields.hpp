//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — json_fields.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace mltrend::pwc {

//! Reads typed fields of one JSON object with simdjson On-Demand: strict
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
  //! Consumes a value of any type, checking every token (On-Demand only
  //! validates what it reads; an unread bad literal would pass unseen).
  static error_code Skip(value& v);

  void Problem(std::string text) {
    if (problem_.empty()) problem_ = std::move(text);
  }
  const std::string& problem() const { return problem_; }

 private:
  error_code Mismatch(value& v, std::string_view key, simdjson::ondemand::json_type type, const char* expected);
  std::string problem_;
};

}  // namespace mltrend::pwc
