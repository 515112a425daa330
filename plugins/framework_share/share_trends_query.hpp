//===----------------------------------------------------------------------===//
// framework_share — share_trends_query.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "share_period.hpp"
#include "share_slice.hpp"
#include "share_tally.hpp"
#include "mltrend/sink.hpp"

namespace mltrend::share {

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
  //! evidence= and among= as given ("" when absent), and the view they make.
  std::string evidence, among;
  View view;
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
//! for (configured ones and any with stored records); `frameworks` the
//! rules' frameworks (what among= may name). Fails with a 400 naming the
//! parameter on an unknown parameter name, a value outside its set, an
//! unknown source, a filter (task, library, evidence, among) on the
//! observed axis, a from/to finer than the bucket, or a from after to.
bool ParseTrendsQuery(const std::map<std::string, std::string>& params, const std::vector<std::string>& configured,
                      const std::vector<std::string>& known, const std::vector<std::string>& frameworks,
                      TrendsQuery& out, QueryError& error);

//! The source a query names (`source`, nullptr when absent): optional when
//! one source is configured; else one of `known`. False with a 400 naming
//! `source` otherwise.
bool ResolveSource(const std::string* source, const std::vector<std::string>& configured,
                   const std::vector<std::string>& known, std::string& out, QueryError& error);

//! False with a 400 naming the first parameter of `params` not in `allowed`.
bool CheckParameters(const std::map<std::string, std::string>& params, std::initializer_list<std::string_view> allowed,
                     std::string_view route, QueryError& error);

//! The value of `key` in `params`, or nullptr when absent.
const std::string* FindParam(const std::map<std::string, std::string>& params, std::string_view key);

//! The prologue of a route that answers about one source (/v1/explain,
//! /v1/coverage): CheckParameters against `allowed`, then ResolveSource on
//! the `source` parameter.
bool ReadSourceRoute(const std::map<std::string, std::string>& params, std::initializer_list<std::string_view> allowed,
                     std::string_view route, const std::vector<std::string>& configured,
                     const std::vector<std::string>& known, std::string& source, QueryError& error);

//! Splits a comma list ("direct, library"), blanks trimmed, empties dropped.
std::vector<std::string> SplitList(std::string_view text);

//! `{"error":..,"parameter":..,"message":..}` with the error's status.
void RenderError(const QueryError& error, mltrend::QueryResponse& response);

std::string_view AxisName(Axis axis);
std::string_view MetricName(Metric metric);

}  // namespace mltrend::share
