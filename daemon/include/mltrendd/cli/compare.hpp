//===----------------------------------------------------------------------===//
// mltrendd — cli/compare.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "mltrend/status.hpp"
#include "mltrendd/cli/trends_data.hpp"

namespace mltrendd {

//! `mltrend compare`: one framework's share in every source, side by side
//! per period. `series` holds one trends answer per source, all asked with
//! the same metric, bucket and weight. `format` is table, csv or json:
//!  - table: a row per period, a share column per source ("-" where the
//!    source has no such period);
//!  - csv: period,source,classified,value,share, one line per period and source;
//!  - json: {"framework","metric","bucket","weight","sources":[..],
//!    "series":[{"period","sources":{NAME:{"classified","value","share"}}}]}.
//! Periods run in time order, undated and other non-dates last.
mltrend::Status RenderCompare(const std::string& framework, const std::vector<TrendsData>& series,
                              const std::string& format, std::string& out);

}  // namespace mltrendd
