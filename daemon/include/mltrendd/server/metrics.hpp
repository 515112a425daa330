//===----------------------------------------------------------------------===//
// mltrendd — server/metrics.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrendd/server/api.hpp"
#include "mltrendd/server/metrics_query.hpp"

namespace mltrendd {

//! The body of GET /metrics: every family docs/METRICS.md lists, read from
//! the live sources, sinks and store at this moment plus the query socket's
//! own figures. Labels carry only configured names (source, sink), HTTP
//! status codes, rate-limit resource names and query path labels; no
//! config value, header or error text, so no secret can appear.
std::string RenderMetrics(const ApiModel& model, const QueryMetrics& queries);

//! The process's start as Unix seconds, read from /proc (what Prometheus
//! client libraries report as process_start_time_seconds); `fallback` when
//! /proc cannot be read.
double ProcessStartSeconds(double fallback);

}  // namespace mltrendd
