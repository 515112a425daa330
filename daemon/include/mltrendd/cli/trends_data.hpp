//===----------------------------------------------------------------------===//
// mltrendd — cli/trends_data.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrendd {

//! One framework in one period of a /v1/trends answer.
struct TrendsCell {
  double value = 0;
  double share = 0;  //!< value / classified, as the sink computed it
};

//! One period of a /v1/trends answer.
struct TrendsRow {
  std::string period;
  int64_t total = 0, classified = 0, unknown = 0, multi = 0;
  std::map<std::string, TrendsCell> frameworks;  //!< absent means 0
};

//! A /v1/trends answer, parsed once for every renderer (table, CSV, chart,
//! comparison, report), so that they cannot read the shape differently.
struct TrendsData {
  std::string source, axis, bucket, metric, weight, rules_version;
  std::vector<TrendsRow> rows;

  //! "source hf · axis cohort · bucket quarter · metric exclusive · ...".
  std::string Header() const;
};

//! The frameworks of the series, the largest summed `field` (value or
//! share) first; ties by name, so that every render orders them alike.
std::vector<std::string> RankFrameworks(const TrendsData& trends, double TrendsCell::*field);

//! Parses a /v1/trends JSON answer; invalid JSON or a missing series is an error.
mltrend::Status ParseTrends(const std::string& json, TrendsData& out);

}  // namespace mltrendd
