//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_dates.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mltrend::gh {

//! Days since 1970-01-01 of a "YYYY-MM-DD" date; nullopt unless it is one
//! (a real calendar day, nothing before or after).
std::optional<int64_t> ParseDay(std::string_view text);
//! "YYYY-MM-DD" of a day count.
std::string FormatDay(int64_t day);
//! Today's day count (UTC).
int64_t Today(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace mltrend::gh
