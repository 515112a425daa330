//===----------------------------------------------------------------------===//
// mltrend web-source kit — rate_headers.cpp
//===----------------------------------------------------------------------===//
#include "rate_headers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

namespace mltrend::web {

namespace {

std::string_view Trim(std::string_view s) {
  size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

template <typename T>
std::optional<T> ParseNumber(std::string_view s) {
  s = Trim(s);
  T value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

std::optional<long> HeaderNumber(const Headers& headers, std::string_view name) {
  auto text = headers.Get(name);
  return text ? ParseNumber<long>(*text) : std::nullopt;
}

//! IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", as seconds since the epoch.
std::optional<std::time_t> ParseImfFixdate(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  s = Trim(s);
  if (s.size() != 29 || s[3] != ',' || s.substr(25) != " GMT") return std::nullopt;
  auto day = ParseNumber<int>(s.substr(5, 2));
  auto year = ParseNumber<int>(s.substr(12, 4));
  auto hour = ParseNumber<int>(s.substr(17, 2));
  auto minute = ParseNumber<int>(s.substr(20, 2));
  auto second = ParseNumber<int>(s.substr(23, 2));
  auto month = std::find(kMonths.begin(), kMonths.end(), s.substr(8, 3));
  if (!day || !year || !hour || !minute || !second || month == kMonths.end() || s[16] != ' ' || s[19] != ':' ||
      s[22] != ':')
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = static_cast<int>(month - kMonths.begin());
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return timegm(&tm);
}

//! Calls `visit(key, value)` for each `key=value` parameter of the first
//! member of a structured-header list; bare items (policy names) are skipped.
template <typename Visit>
void ForEachParam(std::string_view header, Visit&& visit) {
  std::string_view first = header.substr(0, header.find(','));
  while (!first.empty()) {
    size_t semi = first.find(';');
    std::string_view item = Trim(first.substr(0, semi));
    first = semi == std::string_view::npos ? std::string_view{} : first.substr(semi + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;  // "fixed window", "api"
    visit(Trim(item.substr(0, eq)), item.substr(eq + 1));
  }
}

}  // namespace

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now) {
  if (auto n = ParseNumber<long>(value)) {
    if (*n < 0) return std::nullopt;
    return std::chrono::seconds(*n);
  }
  auto when = ParseImfFixdate(value);
  if (!when) return std::nullopt;
  auto delta = std::chrono::system_clock::from_time_t(*when) - now;
  return std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(delta));
}

RateLimitInfo ParseRateLimit(std::string_view header) {
  RateLimitInfo info;
  ForEachParam(header, [&](std::string_view key, std::string_view value) {
    if (key == "r" || key == "remaining") {
      if (auto n = ParseNumber<long>(value)) info.remaining = *n;
    } else if (key == "t" || key == "reset") {
      if (auto n = ParseNumber<long>(value); n && *n >= 0) info.reset = std::chrono::seconds(*n);
    }
  });
  return info;
}

RateLimitPolicy ParseRateLimitPolicy(std::string_view header) {
  RateLimitPolicy policy;
  ForEachParam(header, [&](std::string_view key, std::string_view value) {
    auto n = ParseNumber<long>(value);
    if (!n || *n <= 0) return;
    if (key == "q") policy.quota = *n;
    else if (key == "w") policy.window = std::chrono::seconds(*n);
  });
  return policy;
}

RateHeaders ReadRateHeaders(const Headers& headers, std::chrono::system_clock::time_point now) {
  RateHeaders rate;
  if (auto v = headers.Get("RateLimit")) {
    RateLimitInfo info = ParseRateLimit(*v);
    rate.remaining = info.remaining;
    rate.window_reset = info.reset;
  }
  if (auto n = HeaderNumber(headers, "X-RateLimit-Remaining")) rate.remaining = n;
  rate.reset = HeaderNumber(headers, "X-RateLimit-Reset");
  rate.limit = HeaderNumber(headers, "X-RateLimit-Limit");
  if (auto r = headers.Get("X-RateLimit-Resource")) rate.resource = *r;
  if (auto v = headers.Get("Retry-After")) rate.retry_after = ParseRetryAfter(*v, now);
  return rate;
}

std::chrono::seconds UntilReset(long reset_epoch, std::chrono::system_clock::time_point now) {
  const long now_epoch = static_cast<long>(std::chrono::system_clock::to_time_t(now));
  // Compared first: a hostile epoch near LONG_MIN must not overflow.
  if (reset_epoch <= now_epoch) return std::chrono::seconds(1);
  return std::chrono::seconds(std::max(1L, reset_epoch - now_epoch));
}

}  // namespace mltrend::web
