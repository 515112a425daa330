//===----------------------------------------------------------------------===//
// mltrend plugins — common/json_page.cpp
//===----------------------------------------------------------------------===//
#include "json_page.hpp"

#include <cstring>

namespace mltrend::plugin_json {

simdjson::error_code JsonPage::Open(std::string_view text, simdjson::ondemand::object& top) {
  buffer_.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  const simdjson::padded_string_view padded(buffer_.data(), text.size(), buffer_.size());
  if (simdjson::error_code e = parser_.iterate(padded).get(doc_)) return e;
  if (simdjson::error_code e = doc_.type().get(top_type_)) return e;
  if (top_type_ != simdjson::ondemand::json_type::object) return simdjson::INCORRECT_TYPE;
  return doc_.get_object().get(top);
}

}  // namespace mltrend::plugin_json
