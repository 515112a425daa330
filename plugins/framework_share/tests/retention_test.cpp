// The observed-history retention policy on its own: two years of daily
// snapshots pruned day by day keep every recent day, one per ISO week
// after that, and nothing past history_days.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "share_observations.hpp"

using std::chrono::days;
using std::chrono::sys_days;

namespace {

sys_days Day(int y, unsigned m, unsigned d) { return sys_days{std::chrono::year{y} / m / d}; }

std::vector<sys_days> Kept(const mltrend::share::ObservationLog& log, const std::string& source) {
  std::vector<sys_days> out;
  if (const auto* dates = log.Find(source))
    for (const auto& [date, observation] : *dates) {
      sys_days day;
      REQUIRE(mltrend::share::ParseDate(date, day));
      out.push_back(day);
    }
  return out;
}

}  // namespace

TEST_CASE("retention: dates format and parse back, nonsense does not") {
  sys_days d;
  REQUIRE(mltrend::share::ParseDate("2024-02-29", d));
  CHECK(d == Day(2024, 2, 29));
  CHECK(mltrend::share::FormatDate(d) == "2024-02-29");
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01x", "undated", ""})
    CHECK_FALSE(mltrend::share::ParseDate(bad, d));
}

TEST_CASE("retention: daily for history_daily_days, then the latest of each ISO week, up to history_days") {
  constexpr int64_t kDaily = 90, kTotal = 400;
  mltrend::share::ObservationLog log;
  const sys_days start = Day(2024, 1, 3);  // a Wednesday
  sys_days today = start;
  size_t largest = 0;
  for (int i = 0; i < 760; ++i, today += days{1}) {
    log.Record("hf", mltrend::share::FormatDate(today), {"v", {}});
    if (i % 3 == 0) log.Record("gh", mltrend::share::FormatDate(today), {"v", {}});  // a sparser source
    log.Prune(today, kDaily, kTotal);
    largest = std::max(largest, log.Find("hf")->size());
  }
  today -= days{1};
  // Bounded: 91 days plus about (400 - 90) / 7 weeks.
  CHECK(largest <= 91 + 45);

  std::vector<sys_days> kept = Kept(log, "hf");
  REQUIRE_FALSE(kept.empty());
  CHECK(kept.back() == today);
  CHECK((today - kept.front()).count() <= kTotal);
  CHECK((today - kept.front()).count() > kTotal - 7);
  size_t daily = 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    const int64_t age = (today - kept[i]).count();
    if (age <= kDaily) {
      ++daily;
      continue;
    }
    // Every snapshot was taken, so a week's latest is its Sunday.
    INFO(mltrend::share::FormatDate(kept[i]));
    CHECK(std::chrono::weekday{kept[i]} == std::chrono::Sunday);
    CHECK((kept[i + 1] - kept[i]).count() <= 7);
  }
  CHECK(daily == kDaily + 1);  // today and the 90 days before it

  // The sparser source keeps the latest of its own snapshots in each week.
  std::vector<sys_days> sparse = Kept(log, "gh");
  for (size_t i = 0; i + 1 < sparse.size(); ++i) {
    if ((today - sparse[i]).count() <= kDaily) break;
    auto monday = [](sys_days d) { return d - days{std::chrono::weekday{d}.iso_encoding() - 1}; };
    CHECK(monday(sparse[i]) != monday(sparse[i + 1]));
    // The week's last one (every third day): Friday to Sunday, a week apart.
    if ((today - sparse[i + 1]).count() > kDaily) CHECK((sparse[i + 1] - sparse[i]).count() > 4);
  }

  // Pruning again the same day changes nothing and writes nothing.
  mltrend::StateBatch batch;
  log.WriteChanged(batch);
  log.Prune(today, kDaily, kTotal);
  mltrend::StateBatch again;
  log.WriteChanged(again);
  CHECK(again.ops.empty());
  CHECK(Kept(log, "hf") == kept);
}

TEST_CASE("retention: daily equal to total keeps every day, a stale source empties out") {
  mltrend::share::ObservationLog log;
  const sys_days today = Day(2025, 6, 30);
  for (int i = 0; i < 10; ++i) log.Record("hf", mltrend::share::FormatDate(today - days{i}), {"v", {}});
  log.Record("old", "2020-01-01", {"v", {}});
  log.Record("old", "not-a-date", {"v", {}});
  log.Prune(today, 5, 5);
  CHECK(Kept(log, "hf").size() == 6);
  CHECK(log.Find("old") == nullptr);
  mltrend::StateBatch batch;
  log.WriteChanged(batch);
  size_t deletes = 0;
  for (const auto& [key, value] : batch.ops) deletes += !value.has_value();
  CHECK(deletes == 4 + 2);
}
