//===----------------------------------------------------------------------===//
// framework_share — share_trends_json.cpp
//===----------------------------------------------------------------------===//
#include "share_trends_json.hpp"

#include <algorithm>
#include <map>

#include "mltrend/json_writer.hpp"

namespace mltrend::share {

std::vector<SeriesPoint> CohortSeries(const CellTable::Months* months, Bucket bucket, const View& view,
                                      const std::vector<std::string>& frameworks) {
  std::vector<SeriesPoint> series;
  if (!months) return series;
  std::map<std::string, Tally> periods;
  for (const auto& [month, tally] : *months) periods[RollUp(month, bucket)].Merge(tally);
  for (auto& [period, tally] : periods) series.push_back({period, Evaluate(tally, view, frameworks), {}, {}});
  std::stable_sort(series.begin(), series.end(),
                   [](const SeriesPoint& a, const SeriesPoint& b) { return PeriodLess(a.period, b.period); });
  return series;
}

std::vector<SeriesPoint> ObservedSeries(const ObservationLog::Dates* dates, bool by_day, Bucket bucket) {
  std::vector<SeriesPoint> series;
  if (!dates) return series;
  for (const auto& [date, observation] : *dates) {
    std::string period = by_day ? date : RollUp(date.substr(0, 7), bucket);
    // Dates ascend, so a later snapshot of the same period replaces the point.
    if (!by_day && !series.empty() && series.back().period == period) series.pop_back();
    series.push_back({std::move(period), observation.totals, observation.rules_version, date});
  }
  return series;
}

void KeepRange(const TrendsQuery& query, std::vector<SeriesPoint>& series) {
  if (!query.Ranged()) return;
  Span span;
  std::string first, last;
  std::erase_if(series, [&](const SeriesPoint& point) {
    if (!DatedPeriod(point.period, span, first, last)) return true;
    return (!query.from_day.empty() && first < query.from_day) || (!query.to_day.empty() && last > query.to_day);
  });
}

std::string RenderTrends(const TrendsQuery& query, std::string_view rules_version, bool official_only,
                         const std::vector<SeriesPoint>& series) {
  const size_t w = query.weight;
  const bool observed = query.axis == Axis::kObserved;
  mltrend::JsonWriter out;
  out.BeginObject()
      .Key("source").String(query.source)
      .Key("axis").String(AxisName(query.axis))
      .Key("bucket").String(query.by_day ? std::string_view("day") : BucketName(query.bucket))
      .Key("metric").String(MetricName(query.metric))
      .Key("weight").String(kWeightNames[w])
      .Key("rules_version").String(rules_version)
      .Key("official_only").Bool(official_only)
      .Key("filters").BeginObject();
  if (query.filter.task) out.Key("task").String(*query.filter.task);
  if (query.filter.library) out.Key("library").String(*query.filter.library);
  if (!query.from.empty()) out.Key("from").String(query.from);
  if (!query.to.empty()) out.Key("to").String(query.to);
  if (!query.evidence.empty()) out.Key("evidence").String(query.evidence);
  if (!query.among.empty()) out.Key("among").String(query.among);
  out.EndObject().Key("series").BeginArray();
  for (const SeriesPoint& point : series) {
    const Cell& c = point.cell;
    out.BeginObject().Key("period").String(point.period);
    if (observed && !query.by_day) out.Key("date").String(point.date);
    if (observed) out.Key("rules_version").String(point.rules_version);
    out.Key("total").Int(c.total.v[w])
        .Key("classified").Int(c.classified.v[w])
        .Key("unknown").Int(c.unknown.v[w])
        .Key("multi").Int(c.multi.v[w])
        .Key("grades").BeginObject();
    for (size_t g = 0; g < kGradeCount; ++g) out.Key(GradeName(static_cast<Grade>(g + 1))).Int(c.grades[g].v[w]);
    out.EndObject();
    if (!query.among.empty()) out.Key("outside").Int(c.outside.v[w]);
    out.Key("frameworks").BeginObject();
    const auto& values = query.metric == Metric::kExclusive ? c.exclusive : c.available;
    const int64_t denominator = c.classified.v[w];
    for (const auto& [framework, measure] : values) {
      const int64_t value = measure.v[w];
      if (value == 0) continue;
      out.Key(framework).BeginObject().Key("value").Int(value);
      out.Key("share").Double(denominator == 0 ? 0.0 : static_cast<double>(value) / static_cast<double>(denominator));
      out.EndObject();
    }
    out.EndObject().EndObject();
  }
  out.EndArray().EndObject();
  return out.Take();
}

}  // namespace mltrend::share
