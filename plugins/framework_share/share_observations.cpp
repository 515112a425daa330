//===----------------------------------------------------------------------===//
// framework_share — share_observations.cpp
//===----------------------------------------------------------------------===//
#include "share_observations.hpp"

#include <charconv>
#include <cstdio>

#include "share_state_keys.hpp"

namespace mltrend::share {

std::string FormatDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

bool ParseDate(std::string_view text, std::chrono::sys_days& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const size_t begin[3] = {0, 5, 8}, length[3] = {4, 2, 2};
  for (size_t i = 0; i < 3; ++i) {
    auto [ptr, ec] = std::from_chars(text.data() + begin[i], text.data() + begin[i] + length[i], parts[i]);
    if (ec != std::errc() || ptr != text.data() + begin[i] + length[i]) return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{unsigned(parts[1])},
                                        std::chrono::day{unsigned(parts[2])}};
  if (!ymd.ok()) return false;
  out = std::chrono::sys_days{ymd};
  return true;
}

std::string EncodeObservation(const Observation& observation) {
  std::string version = observation.rules_version;
  for (char& c : version)
    if (c == '\n' || c == '\r') c = ' ';
  return "rules " + version + "\n" + EncodeCell(observation.totals);
}

bool DecodeObservation(std::string_view text, Observation& out) {
  constexpr std::string_view kHead = "rules ";
  size_t nl = text.find('\n');
  if (text.substr(0, kHead.size()) != kHead || nl == std::string_view::npos) return false;
  out.rules_version = std::string(text.substr(kHead.size(), nl - kHead.size()));
  return DecodeCell(text.substr(nl + 1), out.totals);
}

void ObservationLog::Record(const std::string& source, const std::string& date, Observation observation) {
  sources_[source][date] = std::move(observation);
  changed_.emplace(source, date);
}

void ObservationLog::Load(std::string source, std::string date, Observation observation) {
  sources_[std::move(source)][std::move(date)] = std::move(observation);
}

void ObservationLog::Prune(std::chrono::sys_days today, int64_t daily_days, int64_t history_days) {
  using std::chrono::days;
  // The Monday of `day`'s ISO week identifies the week.
  auto week_of = [](std::chrono::sys_days day) {
    return day - days{std::chrono::weekday{day}.iso_encoding() - 1};
  };
  for (auto s = sources_.begin(); s != sources_.end();) {
    Dates& dates = s->second;
    for (auto d = dates.begin(); d != dates.end();) {
      std::chrono::sys_days day;
      bool keep = ParseDate(d->first, day);
      if (keep) {
        const int64_t age = (today - day).count();
        if (age > history_days) {
          keep = false;
        } else if (age > daily_days) {
          // Past the daily window: the week keeps its latest snapshot only.
          auto next = std::next(d);
          std::chrono::sys_days next_day;
          keep = next == dates.end() || !ParseDate(next->first, next_day) || week_of(next_day) != week_of(day);
        }
      }
      if (keep) {
        ++d;
        continue;
      }
      changed_.emplace(s->first, d->first);
      d = dates.erase(d);
    }
    s = dates.empty() ? sources_.erase(s) : std::next(s);
  }
}

void ObservationLog::WriteChanged(mltrend::StateBatch& batch) {
  for (const auto& [source, date] : changed_) {
    const Dates* dates = Find(source);
    auto it = dates ? dates->find(date) : Dates::const_iterator{};
    if (dates && it != dates->end())
      batch.Put(ObservationKey(source, date), EncodeObservation(it->second));
    else
      batch.Delete(ObservationKey(source, date));
  }
  changed_.clear();
}

void ObservationLog::WriteAll(mltrend::StateBatch& batch) {
  for (const auto& [source, dates] : sources_)
    for (const auto& [date, observation] : dates)
      batch.Put(ObservationKey(source, date), EncodeObservation(observation));
  changed_.clear();
}

const ObservationLog::Dates* ObservationLog::Find(std::string_view source) const {
  auto it = sources_.find(source);
  return it == sources_.end() ? nullptr : &it->second;
}

}  // namespace mltrend::share
