//===----------------------------------------------------------------------===//
// mltrend plugins — common/json_strings.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mltrend/json_writer.hpp"

namespace mltrend::plugin_json {

//! Writes `"key":["v",...]`: a record's string lists (the Hub source's
//! cached records) and the rules' and explanations' lists (framework_share).
inline void WriteStrings(JsonWriter& out, std::string_view key, const std::vector<std::string>& values) {
  out.Key(key).BeginArray();
  for (const auto& v : values) out.String(v);
  out.EndArray();
}

}  // namespace mltrend::plugin_json
