#include "hf_response.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

namespace mltrend::hf {

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

}  // namespace

RateLimitInfo ParseRateLimit(std::string_view header) {
  RateLimitInfo info;
  std::string_view first = header.substr(0, header.find(','));
  while (!first.empty()) {
    size_t semi = first.find(';');
    std::string_view item = Trim(first.substr(0, semi));
    first = semi == std::string_view::npos ? std::string_view{} : first.substr(semi + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;  // the policy name, e.g. "api"
    std::string_view key = Trim(item.substr(0, eq));
    std::string_view value = item.substr(eq + 1);
    if (key == "r" || key == "remaining") {
      if (auto n = ParseNumber<long>(value)) info.remaining = *n;
    } else if (key == "t" || key == "reset") {
      if (auto n = ParseNumber<long>(value); n && *n >= 0) info.reset = std::chrono::seconds(*n);
    }
  }
  return info;
}

RateLimitPolicy ParseRateLimitPolicy(std::string_view header) {
  RateLimitPolicy policy;
  std::string_view first = header.substr(0, header.find(','));
  while (!first.empty()) {
    size_t semi = first.find(';');
    std::string_view item = Trim(first.substr(0, semi));
    first = semi == std::string_view::npos ? std::string_view{} : first.substr(semi + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;  // "fixed window", "api"
    std::string_view key = Trim(item.substr(0, eq));
    auto n = ParseNumber<long>(item.substr(eq + 1));
    if (!n || *n <= 0) continue;
    if (key == "q") policy.quota = *n;
    else if (key == "w") policy.window = std::chrono::seconds(*n);
  }
  return policy;
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value,
                                                     std::chrono::system_clock::time_point now) {
  if (auto n = ParseNumber<long>(value)) {
    if (*n < 0) return std::nullopt;
    return std::chrono::seconds(*n);
  }
  auto when = ParseImfFixdate(value);
  if (!when) return std::nullopt;
  auto delta = std::chrono::system_clock::from_time_t(*when) - now;
  return std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(delta));
}

Status CheckResponse(const HttpResponse& response, std::string_view url,
                     std::chrono::system_clock::time_point now) {
  const int code = response.status;
  if (code >= 200 && code < 300) return Status::Ok();
  const std::string where = "GET " + std::string(url) + " answered HTTP " + std::to_string(code);
  if (code == 429) {
    std::optional<std::chrono::seconds> wait;
    if (auto v = response.headers.Get("Retry-After")) wait = ParseRetryAfter(*v, now);
    if (auto v = response.headers.Get("RateLimit")) {
      RateLimitInfo info = ParseRateLimit(*v);
      if (info.reset && (!wait || *info.reset > *wait)) wait = info.reset;
    }
    std::string text = where + " (rate limited";
    text += wait ? ", retry in " + std::to_string(wait->count()) + "s)" : ", no wait given)";
    return Status::RateLimited(std::move(text), wait);
  }
  if (code == 408 || (code >= 500 && code < 600)) {
    // A 503 may say when to come back; the scheduler then waits at least that.
    std::optional<std::chrono::seconds> wait;
    if (auto v = response.headers.Get("Retry-After")) wait = ParseRetryAfter(*v, now);
    return Status::IoError(where).WithRetryAfter(wait);
  }
  if (code >= 400 && code < 500) return Status::Invalid(where);
  return Status::IoError(where + ", which the source does not handle");
}

}  // namespace mltrend::hf
