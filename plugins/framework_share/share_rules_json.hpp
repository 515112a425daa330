//===----------------------------------------------------------------------===//
// framework_share — share_rules_json.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "share_rules.hpp"

namespace mltrend::share {

//! The `/v1/rules` body: {"sink","version","rules":[{"framework","grade",
//! "tags","library_names","topics","declared","dependencies","files",
//! "header_formats","note"}],"formats":[{"name","files","note"}],
//! "decisions":[{"topic","decision"}]}, rules and decisions in file order,
//! values lower-cased as matched, every list present (possibly empty) and
//! "note" "" when the rule has none. Lets a report show what was decided
//! without reading the TOML.
std::string RenderRules(std::string_view sink_name, const Rules& rules);

}  // namespace mltrend::share
