//===----------------------------------------------------------------------===//
// mltrend plugins — common/json_page.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace mltrend::plugin_json {

//! The preamble of every object-shaped JSON answer the sources read: pad
//! the text (simdjson reads up to SIMDJSON_PADDING bytes past its end),
//! iterate it with On-Demand and open the top-level object. One JsonPage
//! reuses its parser and buffer for each text it opens; the object read
//! from Open lives until the next Open.
class JsonPage {
 public:
  //! SUCCESS with `top` open; INCORRECT_TYPE when the text is valid so far
  //! but its top is no object (TopType() says what it is); any other error
  //! means the text is not JSON.
  simdjson::error_code Open(std::string_view text, simdjson::ondemand::object& top);
  //! The top-level value's type after Open (meaningful on INCORRECT_TYPE).
  simdjson::ondemand::json_type TopType() const { return top_type_; }
  //! After the top object is read to its end: whether anything but
  //! whitespace follows it (then the text was not one JSON value).
  bool HasTrailingContent() { return !doc_.current_location().error(); }

 private:
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document doc_;
  std::string buffer_;
  simdjson::ondemand::json_type top_type_ = simdjson::ondemand::json_type::null;
};

}  // namespace mltrend::plugin_json
