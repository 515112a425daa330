//===----------------------------------------------------------------------===//
// mltrendd — cli/render.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/status.hpp"

namespace mltrendd {

//! Renders a /v1/trends JSON answer as a table a person reads (one row per
//! period, a share column per framework, biggest first) or as CSV in long
//! form (one row per period and framework). Invalid JSON is an error.
mltrend::Status RenderTrendsTable(const std::string& json, std::string& out);
mltrend::Status RenderTrendsCsv(const std::string& json, std::string& out);

//! Renders a /v1/sources JSON answer as a table.
mltrend::Status RenderSourcesTable(const std::string& json, std::string& out);

//! The "message" of a JSON error answer, or the body itself.
std::string ErrorMessageOf(const std::string& body);

}  // namespace mltrendd
