//===----------------------------------------------------------------------===//
// framework_share — trends_json.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "framework_share/cell.hpp"
#include "framework_share/cell_table.hpp"
#include "framework_share/observations.hpp"
#include "framework_share/trends_query.hpp"

namespace framework_share {

//! One element of a series: a period and the cell summed over it.
struct SeriesPoint {
  std::string period;
  Cell cell;
  std::string rules_version;  //!< observed points only: the rules of that day
};

//! The month cells of one source (nullptr: none) summed into `bucket`-sized
//! periods, in PeriodLess order.
std::vector<SeriesPoint> CohortSeries(const CellTable::Months* months, Bucket bucket);
//! The observed snapshots of one source (nullptr: none), oldest first.
std::vector<SeriesPoint> ObservedSeries(const ObservationLog::Dates* dates);

//! The `/v1/trends` body: {"source","axis","bucket","metric","weight",
//! "rules_version","official_only","series":[{"period","total","classified",
//! "unknown","multi","frameworks":{f:{"value","share"}}}]}, figures under the
//! query's weight, `share` = value / classified, zero values left out.
//! Observed series report "bucket":"day" and each point's "rules_version".
std::string RenderTrends(const TrendsQuery& query, std::string_view rules_version, bool official_only,
                         const std::vector<SeriesPoint>& series);

}  // namespace framework_share
