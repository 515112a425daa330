//===----------------------------------------------------------------------===//
// mltrendd — cli/markup.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace mltrendd {

//! `text` safe inside XML/HTML text and double- or single-quoted attributes:
//! & < > " ' escaped, and control characters XML 1.0 forbids dropped
//! (names come from remote data, so they may hold anything).
std::string XmlEscape(std::string_view text);

//! A number with at most two decimals and no trailing zeros ("12.5", "0"),
//! the form SVG coordinates are written in.
std::string Coord(double v);

}  // namespace mltrendd
