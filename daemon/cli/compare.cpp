//===----------------------------------------------------------------------===//
// mltrendd — cli/compare.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/compare.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "mltrend/json_writer.hpp"
#include "render_detail.hpp"

namespace mltrendd {
namespace {

struct Point {
  int64_t classified = 0;
  double value = 0, share = 0;
};

//! Dated periods ("2024", "2024-Q3", "2024-07", "2024-07-01") sort as text;
//! anything else ("undated") comes after them.
bool PeriodBefore(const std::string& a, const std::string& b) {
  const bool da = !a.empty() && std::isdigit(static_cast<unsigned char>(a[0]));
  const bool db = !b.empty() && std::isdigit(static_cast<unsigned char>(b[0]));
  if (da != db) return da;
  return a < b;
}

std::string Share(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", share);
  return buf;
}

}  // namespace

mltrend::Status RenderCompare(const std::string& framework, const std::vector<TrendsData>& series,
                              const std::string& format, std::string& out) {
  if (format != "table" && format != "csv" && format != "json") {
    return mltrend::Status::Invalid("unknown --format '" + format + "'");
  }
  std::vector<std::string> periods;
  std::vector<std::map<std::string, Point>> by_source(series.size());
  for (size_t s = 0; s < series.size(); ++s) {
    for (const TrendsRow& row : series[s].rows) {
      if (std::find(periods.begin(), periods.end(), row.period) == periods.end()) periods.push_back(row.period);
      Point p{row.classified, 0, 0};
      if (auto it = row.frameworks.find(framework); it != row.frameworks.end()) {
        p.value = it->second.value;
        p.share = it->second.share;
      }
      by_source[s][row.period] = p;
    }
  }
  std::stable_sort(periods.begin(), periods.end(), PeriodBefore);
  const TrendsData first = series.empty() ? TrendsData{} : series.front();

  if (format == "json") {
    mltrend::JsonWriter w;
    w.BeginObject().Key("framework").String(framework).Key("metric").String(first.metric);
    w.Key("bucket").String(first.bucket).Key("weight").String(first.weight).Key("sources").BeginArray();
    for (const TrendsData& t : series) w.String(t.source);
    w.EndArray().Key("series").BeginArray();
    for (const std::string& period : periods) {
      w.BeginObject().Key("period").String(period).Key("sources").BeginObject();
      for (size_t s = 0; s < series.size(); ++s) {
        auto it = by_source[s].find(period);
        if (it == by_source[s].end()) continue;
        w.Key(series[s].source).BeginObject().Key("classified").Int(it->second.classified);
        w.Key("value").Double(it->second.value).Key("share").Double(it->second.share).EndObject();
      }
      w.EndObject().EndObject();
    }
    out = w.EndArray().EndObject().Take() + "\n";
    return mltrend::Status::Ok();
  }
  if (format == "csv") {
    out = "period,source,classified,value,share\n";
    for (const std::string& period : periods)
      for (size_t s = 0; s < series.size(); ++s) {
        auto it = by_source[s].find(period);
        if (it == by_source[s].end()) continue;
        out += period + "," + series[s].source + "," + std::to_string(it->second.classified) + "," +
               render_detail::Number(it->second.value) + "," + Share(it->second.share) + "\n";
      }
    return mltrend::Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"period"};
  for (const TrendsData& t : series) head.push_back(t.source);
  rows.push_back(head);
  for (const std::string& period : periods) {
    std::vector<std::string> line = {period};
    for (size_t s = 0; s < series.size(); ++s) {
      auto it = by_source[s].find(period);
      line.push_back(it == by_source[s].end() || it->second.classified == 0 ? "-"
                                                                            : render_detail::Percent(it->second.share));
    }
    rows.push_back(std::move(line));
  }
  out = "framework " + framework + " · metric " + first.metric + " · bucket " + first.bucket + " · weight " +
        first.weight + " · share of classified records\n" + render_detail::FormatTable(rows, 1);
  if (periods.empty()) out += "(no data yet: has a source run and the sink folded?)\n";
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
