//===----------------------------------------------------------------------===//
// mltrend plugins — common/error_text.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace mltrend::plugin_text {

//! The start of an error response's body as one line of printable ASCII,
//! for a status message: an HTML error page must not put newlines or raw
//! bytes into /v1/sources' last_error or a log line.
inline std::string BodySnippet(std::string_view body, size_t max_bytes = 200) {
  std::string out;
  for (char c : body.substr(0, max_bytes)) {
    if (c < 0x20 || c > 0x7e) c = ' ';
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace mltrend::plugin_text
