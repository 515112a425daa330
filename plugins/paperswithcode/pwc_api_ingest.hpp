//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_api_ingest.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/source.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

//! `next` of a page, moved onto api_base_url: the part from "/papers/" on,
//! appended to the base, since a mirror may serve the original site's
//! absolute next URLs. "" when `next` has no "/papers/".
std::string OnBase(const std::string& api_base_url, const std::string& next);

//! One API walk (api_walk): /papers/ page by page (following `next`, else
//! the next page number), each paper's repositories inline or from
//! `GET .../papers/{id}/repositories/` (also paged); one committed page per
//! /papers/ page, its checkpoint an ApiPosition. Incremental walks stop at
//! the newest paper already stored; request_budget and max_pages end a run
//! early, cleanly. See README.md.
Status RunApiMode(SourceContext& ctx, const Settings& settings);

}  // namespace mltrend::pwc
