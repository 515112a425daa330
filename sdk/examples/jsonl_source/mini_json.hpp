//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — mini_json.hpp
//===----------------------------------------------------------------------===//
// A deliberately small JSON parser, so the example depends on nothing but
// the SDK and the standard library. A real plugin would use simdjson or
// Boost.JSON; nothing here is specific to mltrend.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jsonl_example {

//! One parsed JSON value. Numbers keep their literal text so the caller
//! decides how to read them (metrics must be integers).
struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  //!< a string's decoded value, or a number's literal
  std::vector<JsonValue> items;                            //!< array elements
  std::vector<std::pair<std::string, JsonValue>> members;  //!< object members, in order
};

//! Parses one complete JSON document (one line of a JSON-lines file). On
//! failure returns false and sets `error` to what and where ("byte 17:
//! expected ':'"). Nesting deeper than 16 levels is refused: records are flat.
bool ParseJson(std::string_view text, JsonValue& out, std::string& error);

}  // namespace jsonl_example
