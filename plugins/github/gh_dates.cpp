//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_dates.cpp
//===----------------------------------------------------------------------===//
#include "gh_dates.hpp"

#include <cstdio>

namespace mltrend::gh {

namespace chr = std::chrono;

std::optional<int64_t> ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t j = 0; j < lengths[i]; ++j) {
      char c = text[starts[i] + j];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  chr::year_month_day ymd{chr::year(parts[0]), chr::month(static_cast<unsigned>(parts[1])),
                          chr::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) return std::nullopt;
  return chr::sys_days(ymd).time_since_epoch().count();
}

std::string FormatDay(int64_t day) {
  chr::year_month_day ymd{chr::sys_days(chr::days(day))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

int64_t Today(chr::system_clock::time_point now) { return chr::floor<chr::days>(now).time_since_epoch().count(); }

}  // namespace mltrend::gh
