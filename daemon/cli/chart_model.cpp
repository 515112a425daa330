//===----------------------------------------------------------------------===//
// mltrendd — cli/chart_model.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/chart_model.hpp"

#include <algorithm>

#include "mltrendd/cli/palette.hpp"

namespace mltrendd {
namespace {

bool IsDated(const std::string& period) {
  return !period.empty() && period[0] >= '0' && period[0] <= '9';
}

}  // namespace

ChartModel BuildChartModel(const TrendsData& trends, const ChartOptions& options) {
  ChartModel model;
  const bool exclusive = trends.metric != "available";
  std::vector<std::string> ranked = RankFrameworks(trends, &TrendsCell::share);
  const size_t named = std::min(ranked.size(), options.top);
  std::vector<std::string> names(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(named));
  std::vector<std::string> order = names;
  order.emplace_back(kOtherBand);
  if (exclusive) order.emplace_back(kSeveralBand);
  if (options.show_unknown) order.emplace_back(kUnknownBand);

  // A stacked area reads as time: periods without a date ("undated") are
  // left out when dated ones exist, and so are periods with nothing to
  // draw, rather than shown as a plunge to zero.
  const bool any_dated = std::any_of(trends.rows.begin(), trends.rows.end(),
                                     [](const TrendsRow& r) { return IsDated(r.period); });
  int64_t undated = 0;
  std::vector<std::vector<double>> values(order.size());
  for (const TrendsRow& row : trends.rows) {
    if (any_dated && !IsDated(row.period)) {
      undated += row.total;
      continue;
    }
    std::vector<double> v(order.size(), 0.0);
    for (const auto& [name, cell] : row.frameworks) {
      auto it = std::find(names.begin(), names.end(), name);
      v[it == names.end() ? named : static_cast<size_t>(it - names.begin())] += std::max(0.0, cell.value);
    }
    size_t next = named + 1;
    if (exclusive) v[next++] = static_cast<double>(std::max<int64_t>(0, row.multi));
    if (options.show_unknown) v[next++] = static_cast<double>(std::max<int64_t>(0, row.unknown));
    double sum = 0;
    for (double x : v) sum += x;
    if (sum <= 0) continue;
    model.periods.push_back(row.period);
    for (size_t b = 0; b < order.size(); ++b) values[b].push_back(sum > 0 ? v[b] / sum : 0.0);
  }
  for (size_t b = 0; b < order.size(); ++b) {
    // A band that is empty in every period would only clutter the legend.
    if (std::all_of(values[b].begin(), values[b].end(), [](double f) { return f == 0.0; })) continue;
    model.bands.push_back(ChartBand{order[b], std::move(values[b])});
  }

  model.title = "Framework share · " + trends.source;
  model.subtitle = "metric " + trends.metric + (exclusive ? "" : " (normalised to 100%)") + " · weight " +
                   trends.weight + " · bucket " + trends.bucket + " · axis " + trends.axis + " · rules " +
                   (trends.rules_version.empty() ? "?" : trends.rules_version) +
                   (options.show_unknown ? " · shares of all records, unknown in grey"
                                         : " · shares of classified records (unknown hidden)");
  model.x_caption = trends.axis == "observed" ? "observed on (" + trends.bucket + ")"
                                               : "created in (" + trends.bucket + ")";
  if (undated > 0) model.x_caption += " · " + std::to_string(undated) + " undated records not drawn";
  return model;
}

}  // namespace mltrendd
