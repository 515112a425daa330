//===----------------------------------------------------------------------===//
// mltrendd — cli/chart_model.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mltrendd/cli/trends_data.hpp"

namespace mltrendd {

//! What `mltrend chart` draws, beside the query itself.
struct ChartOptions {
  size_t top = 5;             //!< frameworks drawn by name; the rest are summed as "other"
  bool show_unknown = false;  //!< true: shares of the total, unknown a grey band
};

//! One stacked band: its share of each period, 0..1.
struct ChartBand {
  std::string name;
  std::vector<double> fractions;  //!< one per period
};

//! A trends series turned into stacked bands. Only periods with data are
//! kept, and in each the fractions of all bands add up to 1, so the stack
//! fills the plot.
struct ChartModel {
  std::vector<std::string> periods;
  std::vector<ChartBand> bands;   //!< bottom to top: top frameworks (largest first), other, several, unknown
  std::string title;              //!< "Framework share · hf"
  std::string subtitle;           //!< metric, weight, bucket, axis, rules version, how unknown is treated
  std::string x_caption;          //!< what the periods are: "created in (quarter)", "observed on"
};

//! Builds the bands. Periods with nothing to draw are left out, and so are
//! undated ones when the series has dated periods (the caption counts
//! them). The top K frameworks are those with the largest summed
//! share over the series. Under metric=exclusive the stack is each period's
//! classified records (plus unknown when shown): one band per top framework,
//! "other" for the rest, "several" for records with two or more
//! frameworks. Under metric=available a record counts for each framework it
//! supports, so the bands are normalised to the period's sum of them.
ChartModel BuildChartModel(const TrendsData& trends, const ChartOptions& options);

}  // namespace mltrendd
