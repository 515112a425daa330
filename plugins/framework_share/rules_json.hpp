//===----------------------------------------------------------------------===//
// framework_share — rules_json.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include <vector>

#include "framework_share/rules.hpp"
#include "mltrend/json_writer.hpp"

namespace framework_share {

//! The `/v1/rules` body: {"sink","version","rules":[{"framework","grade",
//! "tags","library_names","topics","declared","dependencies","files",
//! "header_formats","note"}],"formats":[{"name","files","note"}],
//! "decisions":[{"topic","decision"}]}, rules and decisions in file order,
//! values lower-cased as matched, every list present (possibly empty) and
//! "note" "" when the rule has none. Lets a report show what was decided
//! without reading the TOML.
std::string RenderRules(std::string_view sink_name, const Rules& rules);

//! `"key":["v",...]`: the string lists of /v1/rules and /v1/explain.
void WriteStrings(mltrend::JsonWriter& out, std::string_view key, const std::vector<std::string>& values);

}  // namespace framework_share
