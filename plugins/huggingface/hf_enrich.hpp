//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_enrich.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hf_config.hpp"
#include "hf_hub_client.hpp"
#include "hf_request.hpp"
#include "mltrend/url.hpp"
#include "mltrend/record.hpp"
#include "mltrend/source.hpp"

namespace mltrend::hf {

using StateChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;

//! First-commit dating of models at the createdAt floor.
//!
//! Every listing page passes through PrepareFloorRecords before it is
//! emitted: a floor model whose first commit is already known gets that date
//! (so a later crawl never puts it back at the floor); an unknown one, when
//! enrichment is on, is queued once (state slot enrich/queue/<n>) and its
//! record copied into state (enrich/rec/<_id>, refreshed whenever the model
//! is seen again), all in the page's own commit.
//!
//! Enricher::Run then works through the queue from enrich/head: it follows
//! the model's `GET /api/models/{id}/commits/main` pages (newest commit
//! first, Link rel="next") to the last one, whose last commit is the first,
//! and emits the record copy with date = that commit's date and
//! period_override cleared. Each commit page is one emitted page: the head
//! (queue slot and the next commits URL) moves in the same commit, so the
//! work resumes exactly where a budget, a failure or a kill stopped it. A
//! model whose history answers 404 (deleted, private) is dropped from the
//! queue and stays at the floor.
Status PrepareFloorRecords(SourceContext& ctx, bool queue_unknown, std::vector<Record>& records,
                           StateChanges& state);

//! Applies a first-commit date already found for `record` (state
//! enrich/date/<_id>): date, attrs["firstCommit"], period_override cleared.
//! Other emitters of a record copy (header reads) call it so they never
//! put a dated model back at the floor.
Status ApplyKnownFirstCommit(SourceContext& ctx, Record& record);

//! The date of the last commit in a commits page (a JSON array of
//! {"id","title","message","authors":[...],"date"} objects, newest first);
//! nullopt for an empty page. Invalid when the body is not an array of
//! objects or the last one's `date` is not an ISO-8601 string.
Status ParseCommitsPage(std::string_view body, std::optional<std::string>& oldest_date);

class Enricher {
 public:
  Enricher(SourceContext& ctx, const Settings& settings, HubClient& hub, Url base)
      : ctx_(ctx), settings_(settings), hub_(hub), base_(std::move(base)) {}
  //! At most settings.enrich_budget commit-page requests. Ok when the budget
  //! is used or the queue is empty; RateLimited when the window is spent.
  Status Run();
  int64_t Dated() const { return dated_; }
  int64_t Requests() const { return requests_; }

 private:
  struct Head {
    int64_t seq = 0;
    std::string next;  //!< "" = the model's first commits page
  };
  Status ReadHead(Head& head, int64_t& tail);
  Status Step(Head& head, bool& progressed);
  Status Commit(std::vector<Record> records, StateChanges state, const Head& head);
  void Report();

  SourceContext& ctx_;
  const Settings& settings_;
  HubClient& hub_;
  Url base_;  //!< base_url: commits pages are followed on its origin only
  int64_t dated_ = 0;
  int64_t requests_ = 0;
};

}  // namespace mltrend::hf
