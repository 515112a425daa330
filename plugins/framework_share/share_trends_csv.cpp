//===----------------------------------------------------------------------===//
// framework_share — share_trends_csv.cpp
//===----------------------------------------------------------------------===//
// The `format=csv` rendering of a trends series, for spreadsheets and plots.
#include <algorithm>
#include <charconv>
#include <set>

#include "share_trends_json.hpp"

namespace mltrend::share {
namespace {

// std::to_chars ignores the C locale, so a German desktop still gets '.'.
void AppendShare(std::string& out, int64_t value, int64_t denominator) {
  const double share = denominator == 0 ? 0.0 : static_cast<double>(value) / static_cast<double>(denominator);
  char text[64];
  auto [end, ec] = std::to_chars(text, text + sizeof text, share, std::chars_format::fixed, 6);
  out.append(text, ec == std::errc() ? end : text);
}

// RFC 4180 quoting, for a period label a source spelled with a comma.
std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string RenderTrendsCsv(const TrendsQuery& query, const std::vector<std::string>& frameworks,
                            const std::vector<SeriesPoint>& series) {
  const size_t w = query.weight;
  auto values_of = [&](const Cell& c) -> const auto& {
    return query.metric == Metric::kExclusive ? c.exclusive : c.available;
  };
  std::vector<std::string> columns = frameworks;
  std::set<std::string> extra;
  for (const SeriesPoint& point : series)
    for (const auto& [name, measure] : values_of(point.cell))
      if (std::find(frameworks.begin(), frameworks.end(), name) == frameworks.end()) extra.insert(name);
  columns.insert(columns.end(), extra.begin(), extra.end());

  std::string out = "period";
  for (const auto& name : columns) out += "," + name;
  out += ",unknown,classified,total\n";
  for (const SeriesPoint& point : series) {
    const Cell& c = point.cell;
    const auto& values = values_of(c);
    out += CsvField(point.period);
    for (const auto& name : columns) {
      out += ',';
      auto it = values.find(name);
      AppendShare(out, it == values.end() ? 0 : it->second.v[w], c.classified.v[w]);
    }
    out += "," + std::to_string(c.unknown.v[w]) + "," + std::to_string(c.classified.v[w]) + "," +
           std::to_string(c.total.v[w]) + "\n";
  }
  return out;
}

}  // namespace mltrend::share
