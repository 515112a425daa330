//===----------------------------------------------------------------------===//
// framework_share — share_period.cpp
//===----------------------------------------------------------------------===//
#include "share_period.hpp"

namespace mltrend::share {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (s.size() < pos + n) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int TwoDigits(std::string_view s, size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

bool IsMonthLabel(std::string_view s) {
  return s.size() == 7 && Digits(s, 0, 4) && s[4] == '-' && Digits(s, 5, 2) && TwoDigits(s, 5) >= 1 &&
         TwoDigits(s, 5) <= 12;
}

int Rank(std::string_view label) {
  if (label.substr(0, 4) == "pre-") return 0;
  if (Digits(label, 0, 4)) return 1;
  if (label == kUndated) return 3;
  return 2;
}

}  // namespace

std::string_view BucketName(Bucket bucket) {
  switch (bucket) {
    case Bucket::kMonth: return "month";
    case Bucket::kQuarter: return "quarter";
    case Bucket::kYear: return "year";
  }
  return "quarter";
}

bool ParseBucket(std::string_view text, Bucket& out) {
  for (Bucket b : {Bucket::kMonth, Bucket::kQuarter, Bucket::kYear}) {
    if (text == BucketName(b)) {
      out = b;
      return true;
    }
  }
  return false;
}

std::optional<std::string> MonthOfDate(std::string_view date) {
  if (!Digits(date, 0, 4) || date.size() < 7 || date[4] != '-' || !Digits(date, 5, 2)) return std::nullopt;
  int month = TwoDigits(date, 5);
  if (month < 1 || month > 12) return std::nullopt;
  if (date.size() > 7) {
    if (date[7] != '-' || !Digits(date, 8, 2)) return std::nullopt;
    int day = TwoDigits(date, 8);
    if (day < 1 || day > 31) return std::nullopt;
    if (date.size() > 10 && date[10] != 'T' && date[10] != 't' && date[10] != ' ') return std::nullopt;
  }
  return std::string(date.substr(0, 7));
}

std::string CohortMonth(const mltrend::Record& record) {
  if (!record.period_override.empty()) return record.period_override;
  auto month = MonthOfDate(record.date);
  return month ? *month : std::string(kUndated);
}

std::string RollUp(std::string_view month, Bucket bucket) {
  if (!IsMonthLabel(month) || bucket == Bucket::kMonth) return std::string(month);
  std::string year(month.substr(0, 4));
  if (bucket == Bucket::kYear) return year;
  int quarter = (TwoDigits(month, 5) - 1) / 3 + 1;
  return year + "-Q" + std::to_string(quarter);
}

Span SpanOf(Bucket bucket) {
  switch (bucket) {
    case Bucket::kMonth: return Span::kMonth;
    case Bucket::kQuarter: return Span::kQuarter;
    case Bucket::kYear: return Span::kYear;
  }
  return Span::kQuarter;
}

bool DatedPeriod(std::string_view label, Span& span, std::string& first_day, std::string& last_day) {
  if (!Digits(label, 0, 4)) return false;
  const std::string year(label.substr(0, 4));
  if (label.size() == 4) {
    span = Span::kYear;
    first_day = year + "-01-01";
    last_day = year + "-12-31";
    return true;
  }
  if (label.size() == 7 && label.substr(4, 2) == "-Q" && label[6] >= '1' && label[6] <= '4') {
    const int quarter = label[6] - '0';
    static constexpr const char* kFirst[] = {"-01-01", "-04-01", "-07-01", "-10-01"};
    static constexpr const char* kLast[] = {"-03-31", "-06-31", "-09-31", "-12-31"};
    span = Span::kQuarter;
    first_day = year + kFirst[quarter - 1];
    last_day = year + kLast[quarter - 1];
    return true;
  }
  if (IsMonthLabel(label)) {
    span = Span::kMonth;
    first_day = std::string(label) + "-01";
    last_day = std::string(label) + "-31";
    return true;
  }
  if (label.size() == 10 && IsMonthLabel(label.substr(0, 7)) && label[7] == '-' && Digits(label, 8, 2) &&
      TwoDigits(label, 8) >= 1 && TwoDigits(label, 8) <= 31) {
    span = Span::kDay;
    first_day = last_day = std::string(label);
    return true;
  }
  return false;
}

bool PeriodLess(std::string_view a, std::string_view b) {
  int ra = Rank(a), rb = Rank(b);
  if (ra != rb) return ra < rb;
  return a < b;
}

}  // namespace mltrend::share
