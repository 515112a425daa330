#include "hf_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <ctime>

namespace mltrend::hf {

std::string IsoTimestamp(int64_t epoch_seconds) {
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buffer;
}

int CompareTimestamps(std::string_view a, std::string_view b) {
  return a.substr(0, 19).compare(b.substr(0, 19));
}

namespace state {

std::string HeaderQueueKey(int64_t downloads, std::string_view id) {
  // 19 digits of (INT64_MAX - downloads): bytewise order is downloads descending.
  char digits[32];
  std::snprintf(digits, sizeof digits, "%019lld",
                static_cast<long long>(std::numeric_limits<int64_t>::max() - std::max<int64_t>(0, downloads)));
  return std::string(kHeaderQueuePrefix) + digits + "/" + std::string(id);
}

}  // namespace state

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace mltrend::hf
