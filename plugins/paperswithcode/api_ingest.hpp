//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — api_ingest.hpp
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

//! One API-mode run: `GET {api_base_url}/papers/` page by page (following
//! `next`), and for each paper `GET .../papers/{id}/repositories/` (also
//! paged); one committed page per /papers/ page, its checkpoint the next
//! /papers/ URL. See README.md.
Status RunApiMode(SourceContext& ctx, const Settings& settings);

}  // namespace mltrend::pwc
