//===----------------------------------------------------------------------===//
// framework_share — share_trends_json.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "share_cell.hpp"
#include "share_cell_table.hpp"
#include "share_observations.hpp"
#include "share_trends_query.hpp"

namespace mltrend::share {

//! One element of a series: a period and the cell summed over it.
struct SeriesPoint {
  std::string period;
  Cell cell;
  std::string rules_version;  //!< observed points only: the rules of that day
  std::string date;           //!< observed points only: the snapshot's day
};

//! The month cells of one source (nullptr: none) summed into `bucket`-sized
//! periods, in PeriodLess order, each evaluated under `view`.
std::vector<SeriesPoint> CohortSeries(const CellTable::Months* months, Bucket bucket, const View& view,
                                      const std::vector<std::string>& frameworks);
//! The observed snapshots of one source (nullptr: none), oldest first: every
//! day when `by_day`, else one point per `bucket` period, the latest
//! snapshot within it (a downsampled history keeps real snapshots, never
//! averages, so each point still has one rules version and one date).
std::vector<SeriesPoint> ObservedSeries(const ObservationLog::Dates* dates, bool by_day = true,
                                        Bucket bucket = Bucket::kMonth);

//! Drops the points outside the query's from/to (inclusive); with either
//! given, labels that are not a dated period ("pre-2022-03", "undated") go.
void KeepRange(const TrendsQuery& query, std::vector<SeriesPoint>& series);

//! The `/v1/trends` body: {"source","axis","bucket","metric","weight",
//! "rules_version","official_only","filters":{"task","library","from","to",
//! "evidence","among"} (only the given ones),"series":[{"period","total",
//! "classified","unknown","multi","grades":{"direct","library","lineage"},
//! ["outside" with among=,] "frameworks":{f:{"value","share"}}}]}, figures
//! under the query's weight, `share` = value / classified, zero values left
//! out; `grades` splits `classified` by the grade of each record's evidence.
//! Observed series report "bucket":"day" (or the downsampling bucket) and
//! each point's "rules_version"; downsampled points add the snapshot "date".
std::string RenderTrends(const TrendsQuery& query, std::string_view rules_version, bool official_only,
                         const std::vector<SeriesPoint>& series);

//! The `format=csv` body: a header row "period,<framework>...,unknown,
//! classified,total" and one row per point. Framework columns are
//! `frameworks` (the rules' order), then any other framework the series
//! holds (snapshots taken under older rules), in name order; each is the
//! framework's share (value / classified, 0 when nothing is classified)
//! with 6 decimals and '.' whatever the locale; the last three are figures
//! under the query's weight. Rows end in "\n".
std::string RenderTrendsCsv(const TrendsQuery& query, const std::vector<std::string>& frameworks,
                            const std::vector<SeriesPoint>& series);

}  // namespace mltrend::share
