//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_source.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/config.hpp"
#include "mltrend/source.hpp"

namespace mltrend::gh {

//! Crawls `GET {base_url}/search/repositories` for each configured query,
//! following Link rel="next", and emits each page's repositories as Records
//! keyed by the numeric repo id (a repository several queries find, or one
//! renamed between pages, is one record). A query with more than 1,000
//! results is split into created: date ranges, halved until each has at
//! most 1,000 (see gh_checkpoint.hpp for the position a checkpoint keeps).
//!
//! Never sleeps: a rate limit ends the run with Status::RateLimited and the
//! wait (Retry-After, else the reset when remaining is 0, else 60 s), after
//! committing every complete page; the scheduler waits and the next run
//! resumes from the checkpoint. A 200 that leaves remaining at 0 ends the
//! run the same way. One request in flight per token, process-wide
//! (TokenLane). Each page's ETag is kept per request path in the source's
//! state, committed with that page; a 304 to If-None-Match reuses the
//! stored paging facts and re-emits nothing. incomplete_results:true is
//! retried; if it persists, the records found are committed but the
//! position is not advanced and the run ends with a retryable IoError.
class GitHubSource final : public Source {
 public:
  //! Never throws: an unexpected exception becomes Status::Internal.
  Status Run(SourceContext& ctx) override;
  //! ReadSettings' checks at config load. No I/O.
  static Status Validate(const ConfigValues& config, std::string& bad_key);
};

}  // namespace mltrend::gh
