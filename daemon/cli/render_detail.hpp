//===----------------------------------------------------------------------===//
// mltrendd — cli/render_detail.hpp
//===----------------------------------------------------------------------===//
// Helpers the CLI's renderers share; not part of the CLI library's interface.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mltrendd::render_detail {

//! A looked-up value (`obj["key"]`), which may be an error when absent:
//! the readers below turn that into their default instead of throwing.
using Found = simdjson::simdjson_result<simdjson::dom::element>;

//! The string at `e`, "" when absent, null or not a string.
std::string Str(Found e);
//! The integer at `e` (a double truncated), 0 when absent or not a number.
int64_t Int(Found e);
//! The number at `e`, 0 when absent or not a number.
double Num(Found e);
inline std::string Str(simdjson::dom::element e) { return Str(Found(std::move(e))); }
inline int64_t Int(simdjson::dom::element e) { return Int(Found(std::move(e))); }
inline double Num(simdjson::dom::element e) { return Num(Found(std::move(e))); }

//! A /v1/sources "run" object in words: pages, records, rate, rejects,
//! phase and checkpoint.
std::string RunSummary(simdjson::dom::element run);
//! A /v1/sources "rate_limit" object in words, "-" when never read.
std::string RateLimitSummary(simdjson::dom::element limit);

//! Columns padded to their widest cell, two spaces apart; the first
//! `left_aligned_columns` are left-aligned, the rest right-aligned.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t left_aligned_columns);
//! A share (0..1) as "85.0%".
std::string Percent(double share);
//! An integer-valued double without a fraction, else 6 significant digits.
std::string Number(double v);

}  // namespace mltrendd::render_detail
