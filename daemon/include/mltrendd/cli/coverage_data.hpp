//===----------------------------------------------------------------------===//
// mltrendd — cli/coverage_data.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mltrend/status.hpp"
#include "mltrendd/cli/trends_data.hpp"

namespace mltrendd {

//! A /v1/coverage answer as the report draws it.
struct CoverageData {
  //! One row per period; its "frameworks" are the grades direct, library
  //! and lineage (value: records), `unknown` the rest, so the stacked chart
  //! of a trends series draws it unchanged.
  TrendsData periods;
  int64_t total = 0, unknown = 0;
  //! (reason, records), most records first, as the sink sorted them.
  std::vector<std::pair<std::string, int64_t>> reasons;
};

//! Parses a /v1/coverage JSON answer (counts, not weights).
mltrend::Status ParseCoverage(const std::string& json, CoverageData& out);

}  // namespace mltrendd
