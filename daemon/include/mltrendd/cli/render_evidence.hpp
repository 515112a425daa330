//===----------------------------------------------------------------------===//
// mltrendd — cli/render_evidence.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/status.hpp"

namespace mltrendd {

//! Renders a /v1/explain answer for a person: the record, its frameworks
//! and grade (or why it is unknown), each matching rule (framework, channel,
//! value, grade; "(not used)" for weaker grades), its lineage path, and the
//! evidence stored on it. Invalid JSON is an error.
mltrend::Status RenderExplain(const std::string& json, std::string& out);

//! Renders a /v1/coverage answer: totals by grade, unknown records by
//! reason with counts and downloads, what file lists and header reads could
//! reach, then one line per period.
mltrend::Status RenderCoverage(const std::string& json, std::string& out);

}  // namespace mltrendd
