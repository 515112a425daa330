//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_crawl.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>

#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_hub_client.hpp"
#include "hf_page_parser.hpp"
#include "hf_request.hpp"
#include "link_paging.hpp"
#include "mltrend/source.hpp"

namespace mltrend::hf {

//! One run of the source: a full crawl or a refresh, page by page, then
//! first-commit enrichment when enabled and the crawl reached its end.
//!
//! Full or refresh is decided at the start: a stored checkpoint resumes its
//! phase; otherwise the run is a full crawl when no full crawl has finished
//! yet (state full/finished_at), full_crawl_interval is 0 or it has passed
//! since, and a refresh otherwise. A refresh reads sort=createdAt pages
//! (newest first) until a page holds a model created at or before the
//! newest createdAt stored when the phase began, then sort=lastModified
//! pages until a page holds a model modified before the last completed
//! crawl's or refresh's start. Each page's commit carries the checkpoint
//! (phase, next URL, marks) and the state it makes true (the createdAt mark;
//! at the end, full/finished_at and the lastModified mark).
class Crawl {
 public:
  Crawl(SourceContext& ctx, Settings settings) : ctx_(ctx), settings_(std::move(settings)) {}
  Status Run();

 private:
  Status Start();
  Status StartFresh();
  //! Whether `parsed` reaches the current refresh phase's stop mark.
  bool ReachesMark(const ParsedPage& parsed) const;
  //! The checkpoint and state after the current phase ended on this page.
  Status EndPhase(Page& page, bool& run_finished);
  void Report();

  SourceContext& ctx_;
  Settings settings_;
  web::LinkPager pager_;  //!< base_url's origin and the pages fetched this run
  std::optional<HubClient> hub_;
  CrawlPosition position_;
  std::string created_mark_;  //!< newest createdAt stored (state)
  size_t records_this_run_ = 0;
};

}  // namespace mltrend::hf
