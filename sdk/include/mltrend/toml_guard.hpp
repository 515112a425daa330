//===----------------------------------------------------------------------===//
// mltrend SDK — toml_guard.hpp
//===----------------------------------------------------------------------===//
// Debian 12's toml++ 3.3.0 reaches __builtin_unreachable() when it asks
// whether a code point from U+00A1 to U+0499 is whitespace (upstream
// marzer/tomlplusplus#295, fixed after 3.3.0): undefined behaviour in the
// prebuilt library, found by tests/fuzz. It asks that question only outside
// strings and comments, and inside a multi-line basic string right after a
// backslash. This scan finds those places before toml::parse sees the text,
// so a typo such as `rules = "x" é` is a clean error instead. A plugin that
// parses its own TOML with Debian's toml++ should call it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mltrend {

//! Where and why a TOML text was refused by CheckTomlText.
struct TomlTextProblem {
  size_t line = 0;    //!< 1-based
  size_t column = 0;  //!< 1-based, in code points as toml++ counts them
  std::string what;
};

namespace toml_guard_detail {

//! The code point starting at text[i] (0 when it is not valid UTF-8) and its length.
inline char32_t DecodeAt(std::string_view text, size_t i, size_t& length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(k < text.size() ? text[k] : 0); };
  const unsigned char lead = byte(i);
  length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (length == 1) return lead;
  char32_t c = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return length = 1, 0;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  return c;
}

inline std::string CodePointName(char32_t c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name = "U+";
  for (int shift = c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) name += kHex[(c >> shift) & 0xF];
  return name;
}

}  // namespace toml_guard_detail

//! True when toml++ 3.3.0 may parse `text` without undefined behaviour;
//! otherwise fills `problem`. Any non-ASCII character outside strings and
//! comments is refused (TOML 1.0 allows none there), as is a code point in
//! U+00A1..U+0499 right after a backslash (and the blanks a line-ending
//! backslash skips) in a multi-line basic string. Other text is left for
//! toml++ to judge.
inline bool CheckTomlText(std::string_view text, TomlTextProblem& problem) {
  enum class In { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral };
  In in = In::kCode;
  // The last code character other than a blank: a quote opens a string only
  // where a value or key may start; inside a bare value (`0x"é`) toml++ reads
  // on, testing each character for whitespace.
  char32_t last = '\n';
  size_t line = 1, column = 1;
  bool after_backslash = false;  // in a multi-line basic string, after '\' and any blanks
  const auto fail = [&](std::string what) {
    problem = {line, column, std::move(what)};
    return false;
  };
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    const char32_t c = toml_guard_detail::DecodeAt(text, i, length);
    const std::string_view rest = text.substr(i);
    const bool risky = c >= 0xA1 && c <= 0x499;
    switch (in) {
      case In::kCode:
        if (c >= 0x80 || (c == 0 && static_cast<unsigned char>(text[i]) >= 0x80)) {
          return fail("non-ASCII character " + toml_guard_detail::CodePointName(c) +
                      " outside a string or comment");
        }
        if (c == '#') in = In::kComment;
        if ((c == '"' || c == '\'') && std::u32string_view(U"\n=[{,.").find(last) != std::u32string_view::npos) {
          const bool triple = rest.starts_with(c == '"' ? "\"\"\"" : "'''");
          if (triple) length = 3;
          in = c == '"' ? (triple ? In::kMultiBasic : In::kBasic) : (triple ? In::kMultiLiteral : In::kLiteral);
        }
        if (c != ' ' && c != '\t' && c != '\r') last = c;
        break;
      case In::kComment:
        if (c == '\n') in = In::kCode, last = '\n';
        break;
      case In::kBasic:
        if (c == '\\' && rest.size() > 1 && (rest[1] == '"' || rest[1] == '\\')) length = 2;
        else if (c == '"' || c == '\n') in = In::kCode, last = c;
        break;
      case In::kLiteral:
        if (c == '\'' || c == '\n') in = In::kCode, last = c;
        break;
      case In::kMultiBasic:
        if (after_backslash) {
          if (risky) return fail("character " + toml_guard_detail::CodePointName(c) + " right after a backslash");
          after_backslash = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        } else if (c == '\\') {
          after_backslash = true;
        } else if (rest.starts_with("\"\"\"")) {
          length = 3;
          in = In::kCode;
          last = '"';
        }
        break;
      case In::kMultiLiteral:
        if (rest.starts_with("'''")) length = 3, in = In::kCode, last = '\'';
        break;
    }
    for (size_t k = 0; k < length && i + k < text.size(); ++k) {
      if (text[i + k] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    i += length;
  }
  return true;
}

//! `text` with control characters escaped ("\\n", "\\x01"): an error is one
//! log line even when it quotes a key, a value or a toml++ message holding a
//! newline (found by tests/fuzz/config_load.cpp).
inline std::string OneLine(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace mltrend
