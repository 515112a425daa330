//===----------------------------------------------------------------------===//
// mltrendd — cli/trends_data.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/trends_data.hpp"

#include <simdjson.h>

#include <algorithm>

#include "render_detail.hpp"

namespace mltrendd {

using render_detail::Int;
using render_detail::Num;
using render_detail::Str;

std::string TrendsData::Header() const {
  return "source " + source + " · axis " + axis + " · bucket " + bucket + " · metric " + metric + " · weight " +
         weight + " · rules " + rules_version;
}

std::vector<std::string> RankFrameworks(const TrendsData& trends, double TrendsCell::*field) {
  std::map<std::string, double> sums;
  for (const TrendsRow& row : trends.rows)
    for (const auto& [name, cell] : row.frameworks) sums[name] += cell.*field;
  std::vector<std::string> names;
  for (const auto& [name, sum] : sums) names.push_back(name);
  std::stable_sort(names.begin(), names.end(),
                   [&](const std::string& a, const std::string& b) { return sums[a] > sums[b]; });
  return names;
}

mltrend::Status ParseTrends(const std::string& json, TrendsData& out) {
  out = TrendsData{};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) return mltrend::Status::Invalid("the daemon sent invalid JSON");
  simdjson::dom::object obj;
  if (doc.get(obj) != simdjson::SUCCESS) return mltrend::Status::Invalid("the daemon sent JSON of the wrong shape");
  out.source = Str(obj["source"]);
  out.axis = Str(obj["axis"]);
  out.bucket = Str(obj["bucket"]);
  out.metric = Str(obj["metric"]);
  out.weight = Str(obj["weight"]);
  out.rules_version = Str(obj["rules_version"]);
  simdjson::dom::array series;
  if (obj["series"].get(series) != simdjson::SUCCESS) return mltrend::Status::Invalid("the answer has no series");
  for (simdjson::dom::element item : series) {
    TrendsRow row;
    row.period = Str(item["period"]);
    row.total = Int(item["total"]);
    row.classified = Int(item["classified"]);
    row.unknown = Int(item["unknown"]);
    row.multi = Int(item["multi"]);
    simdjson::dom::object fws;
    if (item["frameworks"].get(fws) == simdjson::SUCCESS) {
      for (auto [key, value] : fws) {
        row.frameworks[std::string(key)] = TrendsCell{Num(value["value"]), Num(value["share"])};
      }
    }
    out.rows.push_back(std::move(row));
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
