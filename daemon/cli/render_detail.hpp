//===----------------------------------------------------------------------===//
// mltrendd — cli/render_detail.hpp
//===----------------------------------------------------------------------===//
// Helpers the CLI's renderers share; not part of the CLI library's interface.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>

namespace mltrendd::render_detail {

//! The string at `e`, "" when absent, null or not a string.
std::string Str(simdjson::dom::element e);
//! The integer at `e` (a double truncated), 0 when absent or not a number.
int64_t Int(simdjson::dom::element e);
//! The number at `e`, 0 when absent or not a number.
double Num(simdjson::dom::element e);

//! A /v1/sources "run" object in words: pages, records, rate, rejects,
//! phase and checkpoint.
std::string RunSummary(simdjson::dom::element run);
//! A /v1/sources "rate_limit" object in words, "-" when never read.
std::string RateLimitSummary(simdjson::dom::element limit);

}  // namespace mltrendd::render_detail
