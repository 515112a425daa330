//===----------------------------------------------------------------------===//
// mltrendd — cli/report_summary.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "mltrendd/cli/trends_data.hpp"

namespace mltrendd {

//! One framework's standing over a set of periods.
struct ShareLine {
  std::string framework;
  double value = 0;
  double share = 0;  //!< of classified records
};

//! Shares at one point: the last observed snapshot, or the sum of a cohort
//! series when the store has no history yet.
struct ShareSnapshot {
  std::string label;  //!< "observed 2026-11-25" or "all records in the store"
  int64_t total = 0, classified = 0, unknown = 0, multi = 0;
  std::vector<ShareLine> frameworks;  //!< largest first
};

//! The last point of `observed` when it has one, else `cohort` summed.
ShareSnapshot LatestShares(const TrendsData& observed, const TrendsData& cohort);

//! A framework's exclusive and available share of the classified records
//! over a whole cohort series.
struct ExclusiveAvailable {
  std::string framework;
  double exclusive = 0, available = 0;
};

//! Every framework of the two series (the same query but for the metric),
//! largest available share first.
std::vector<ExclusiveAvailable> CompareExclusiveAvailable(const TrendsData& exclusive, const TrendsData& available);

//! The seed article's sentence from the data, e.g. "PyTorch-exclusive 85.0%
//! / available for TensorFlow 16.0% / TensorFlow-exclusive 8.0%": PyTorch
//! against TensorFlow when both appear, else the two largest. Empty when
//! fewer than two frameworks appear.
std::string ExclusiveAvailableSentence(const std::vector<ExclusiveAvailable>& lines);

//! "PyTorch", "TensorFlow", "JAX", ...; other names as they are.
std::string DisplayName(const std::string& framework);

}  // namespace mltrendd
