//===----------------------------------------------------------------------===//
// framework_share — share_text.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace mltrend::share {

//! ASCII upper-case letters of `text` to lower case, in place (repository
//! ids, file names and evidence values compare case-insensitively in ASCII).
inline void AsciiLowerInPlace(std::string& text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  AsciiLowerInPlace(out);
  return out;
}

//! The form in which evidence values are compared: ASCII lower case, outer
//! blanks dropped (`" PyTorch"` and `"pytorch"` are the same library name).
//! Commas are not split here: sources hand library names over already split.
//! Writes into `out`, reusing its buffer (the classifier calls it per tag).
inline void NormaliseEvidenceInto(std::string_view value, std::string& out) {
  size_t begin = 0, end = value.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (begin < end && blank(value[begin])) ++begin;
  while (end > begin && blank(value[end - 1])) --end;
  out.assign(value.substr(begin, end - begin));
  AsciiLowerInPlace(out);
}

inline std::string NormaliseEvidence(std::string_view value) {
  std::string out;
  NormaliseEvidenceInto(value, out);
  return out;
}

}  // namespace mltrend::share
