//===----------------------------------------------------------------------===//
// framework_share — share_period.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mltrend/record.hpp"

namespace mltrend::share {

//! How wide a cohort period is. Cells are stored per month; quarters and
//! years are sums of months, rolled up at query time.
enum class Bucket { kMonth, kQuarter, kYear };

//! The label of records without a usable date; it sorts after every other.
inline constexpr std::string_view kUndated = "undated";

//! "month", "quarter", "year".
std::string_view BucketName(Bucket bucket);
//! Inverse of BucketName; false for any other text.
bool ParseBucket(std::string_view text, Bucket& out);

//! "YYYY-MM" of an ISO date ("2024-07-15T10:00:00.000Z", "2024-07-15",
//! "2024-07"), or nullopt when `date` is none of those.
std::optional<std::string> MonthOfDate(std::string_view date);

//! The month cell a record belongs to: its period_override when set (e.g.
//! "pre-2022-03", then used for every bucket size), else the month of its
//! date, else "undated".
std::string CohortMonth(const mltrend::Record& record);

//! The label of the `bucket`-sized period holding month cell `month`:
//! "2024-07" -> "2024-07" | "2024-Q3" | "2024". Labels that are not a month
//! ("undated", "pre-2022-03") are the same at every size.
std::string RollUp(std::string_view month, Bucket bucket);

//! How wide a dated period label is; wider spans compare greater.
enum class Span { kDay, kMonth, kQuarter, kYear };

//! The span of a `bucket`-sized label.
Span SpanOf(Bucket bucket);

//! The days a dated period label covers: "2021" | "2021-Q3" | "2021-07" |
//! "2021-07-15" -> its span and its first and last day ("YYYY-MM-DD"; a
//! month's last day may be given as 31, which still orders correctly against
//! every real date). False for any other label ("undated", "pre-2022-03").
bool DatedPeriod(std::string_view label, Span& span, std::string& first_day, std::string& last_day);

//! Series order: "pre-*" labels first, then dated periods oldest first,
//! then any other special label, "undated" last.
bool PeriodLess(std::string_view a, std::string_view b);

}  // namespace mltrend::share
