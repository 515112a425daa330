//===----------------------------------------------------------------------===//
// mltrendd — cli/coverage_data.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/coverage_data.hpp"

#include <simdjson.h>

namespace mltrendd {
namespace {

int64_t Count(simdjson::dom::element e, const char* key) {
  int64_t v = 0;
  return e[key]["count"].get(v) == simdjson::SUCCESS ? v : 0;
}

}  // namespace

mltrend::Status ParseCoverage(const std::string& json, CoverageData& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array periods, reasons;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS || doc["periods"].get(periods) != simdjson::SUCCESS)
    return mltrend::Status::Invalid("the /v1/coverage answer has no periods");
  out = {};
  std::string_view text;
  if (doc["source"].get(text) == simdjson::SUCCESS) out.periods.source = std::string(text);
  if (doc["bucket"].get(text) == simdjson::SUCCESS) out.periods.bucket = std::string(text);
  out.periods.axis = "cohort";
  out.periods.metric = "grade";
  out.periods.weight = "count";
  out.total = Count(doc, "total");
  out.unknown = Count(doc, "unknown");
  for (simdjson::dom::element p : periods) {
    TrendsRow row;
    if (p["period"].get(text) != simdjson::SUCCESS) continue;
    row.period = std::string(text);
    row.total = Count(p, "total");
    row.classified = Count(p, "classified");
    row.unknown = Count(p, "unknown");
    for (const char* grade : {"direct", "library", "lineage"}) {
      const int64_t n = Count(p, grade);
      if (n == 0) continue;
      row.frameworks[grade] = {static_cast<double>(n),
                               row.classified ? static_cast<double>(n) / static_cast<double>(row.classified) : 0};
    }
    out.periods.rows.push_back(std::move(row));
  }
  if (doc["unknown_reasons"].get(reasons) == simdjson::SUCCESS)
    for (simdjson::dom::element r : reasons) {
      int64_t n = 0;
      if (r["reason"].get(text) == simdjson::SUCCESS && r["count"].get(n) == simdjson::SUCCESS)
        out.reasons.emplace_back(std::string(text), n);
    }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
