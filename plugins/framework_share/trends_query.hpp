//===----------------------------------------------------------------------===//
// framework_share — trends_query.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <vector>

#include "framework_share/period.hpp"
#include "framework_share/slice.hpp"
#include "mltrend/sink.hpp"

namespace framework_share {

enum class Axis { kCohort, kObserved };
enum class Metric { kExclusive, kAvailable };
enum class Format { kJson, kCsv };

//! A validated `GET /v1/trends` request.
struct TrendsQuery {
  std::string source;
  Axis axis = Axis::kCohort;
  Bucket bucket = Bucket::kQuarter;
  //! Observed axis only: one point per daily snapshot (no `bucket`, or
  //! bucket=day) instead of the latest snapshot per `bucket` period.
  bool by_day = false;
  Metric metric = Metric::kExclusive;
  size_t weight = 0;  //!< index into kWeightNames; 0 is "count"
  Format format = Format::kJson;
  SliceFilter filter;  //!< task= and library=, cohort axis only
  //! from= / to= as given, and the first / last day they cover ("" when not given).
  std::string from, to, from_day, to_day;
  bool Ranged() const { return !from.empty() || !to.empty(); }
};

//! Why a request was refused, rendered as the JSON error body.
struct QueryError {
  int status = 400;
  std::string error;      //!< "bad_parameter" (the parameter is named beside it)
  std::string parameter;  //!< the parameter at fault; empty when none is
  std::string message;    //!< one sentence naming what mismatched
};

//! Validates `params`. `configured` are the daemon's source names (a lone
//! source makes `source` optional); `known` are the names a query may ask
//! for (configured ones and any with stored records). Fails with a 400
//! naming the parameter on an unknown parameter name, a value outside its
//! set, an unknown source, a filter on the observed axis, a from/to finer
//! than the bucket, or a from after to.
bool ParseTrendsQuery(const std::map<std::string, std::string>& params, const std::vector<std::string>& configured,
                      const std::vector<std::string>& known, TrendsQuery& out, QueryError& error);

//! `{"error":..,"parameter":..,"message":..}` with the error's status.
void RenderError(const QueryError& error, mltrend::QueryResponse& response);

std::string_view AxisName(Axis axis);
std::string_view MetricName(Metric metric);

}  // namespace framework_share
