//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_source.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/config.hpp"
#include "mltrend/source.hpp"

namespace mltrend::hf {

//! Crawls `GET {base_url}/api/models` page by page, following the Link
//! header's rel="next" cursor, and emits each page's models as Records keyed
//! by `_id` (see ParseModelsPage for the mapping). A full crawl every
//! full_crawl_interval, refreshes in between (hf_crawl.hpp); every request
//! within the Hub's 5-minute window (hf_budget.hpp); optionally, floor
//! models dated by their first commit (hf_enrich.hpp).
//!
//! Resumable: each emitted page carries the next page's URL as checkpoint
//! (hf_checkpoint.hpp), so a failed or stopped run continues where the last
//! committed page left off; the last page stores "" and the next run starts
//! over. A run fails, committing nothing of the page at hand, on a transport
//! error, a non-2xx answer (429 -> RateLimited with the server's wait), a
//! body that is not a JSON array, or a Link to another origin than base_url
//! or to a URL already fetched in this run (a loop). Models that fail
//! validation are dropped, logged with their id and counted in
//! Page::rejected. Sends `Authorization: Bearer $HF_TOKEN` when the secret is
//! set, and never logs it.
class HuggingFaceSource final : public Source {
 public:
  //! Never throws: an unexpected exception becomes Status::Internal.
  Status Run(SourceContext& ctx) override;
  //! The plugin's validate hook: ReadSettings' checks (base_url an absolute
  //! http(s) URL with a host, limit positive, max_pages not negative) at
  //! config load, so `--check-config` refuses what Run would. No I/O.
  static Status Validate(const ConfigValues& config, std::string& bad_key);
};

}  // namespace mltrend::hf
