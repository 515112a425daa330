//===----------------------------------------------------------------------===//
// mltrendd — cli/render.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>

#include "mltrend/status.hpp"

namespace mltrendd {

//! Renders a /v1/trends JSON answer as a table a person reads (one row per
//! period, a share column per framework, biggest first) or as CSV in long
//! form (one row per period and framework). Invalid JSON is an error.
mltrend::Status RenderTrendsTable(const std::string& json, std::string& out);
mltrend::Status RenderTrendsCsv(const std::string& json, std::string& out);
//! The first line RenderTrendsCsv writes.
inline constexpr const char* kTrendsCsvHeader = "period,total,classified,unknown,multi,framework,value,share\n";

//! Renders a /v1/sources JSON answer as a table.
mltrend::Status RenderSourcesTable(const std::string& json, std::string& out);

//! `mltrend status`: one screen from a /v1/status and a /v1/sources answer.
//! The daemon (version, uptime, store size), then each source (state, the
//! current or last run's progress, rate-limit budget, last end, next run,
//! last error), then each sink (cursor lag, last fold). `now` (Unix
//! seconds) turns times into "in 9m 20s" / "2m ago".
mltrend::Status RenderStatus(const std::string& status_json, const std::string& sources_json, int64_t now,
                             std::string& out);

//! The string `key` of a JSON object (an error's "parameter", /v1/status's
//! "version"); "" when the text is no object or has no such string.
std::string JsonStringField(const std::string& json, const char* key);

//! The "message" of a JSON error answer, or the body itself.
std::string ErrorMessageOf(const std::string& body);

}  // namespace mltrendd
