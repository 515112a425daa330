//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_source.cpp
//===----------------------------------------------------------------------===//
#include "gh_source.hpp"

#include <chrono>
#include <exception>
#include <optional>

#include "gh_checkpoint.hpp"
#include "gh_config.hpp"
#include "gh_dates.hpp"
#include "gh_fetch.hpp"
#include "gh_manifests.hpp"
#include "gh_url.hpp"
#include "response_verdict.hpp"

namespace mltrend::gh {

namespace {

//! The API answers at most this many results per search.
constexpr int64_t kSearchCap = 1000;

//! One run: where the crawl is and what this run has done.
class Crawl {
 public:
  Crawl(SourceContext& ctx, Settings settings)
      : ctx_(ctx), settings_(std::move(settings)), fetcher_(ctx, settings_.base_url, ctx.Secret("GITHUB_TOKEN")) {}
  Status Run();

 private:
  void StartPosition();
  Position FreshPosition() const;
  //! Fetches pos_'s page (retrying incomplete answers) and commits it.
  Status Step();
  //! The position after `answer` completed the page at pos_.
  Position Advance(const Answer& answer, bool& split) const;
  void Report(const std::string& phase);

  SourceContext& ctx_;
  Settings settings_;
  Fetcher fetcher_;
  std::optional<ManifestReader> manifests_;
  Position pos_;
  size_t records_ = 0, requests_ = 0, not_modified_ = 0;
};

Position Crawl::FreshPosition() const {
  Position p;
  p.query_text = settings_.queries.front();
  p.until = settings_.created_until.empty() ? Today() : *ParseDay(settings_.created_until);
  return p;
}

void Crawl::StartPosition() {
  pos_ = FreshPosition();
  const std::string& stored = ctx_.Checkpoint();
  if (stored.empty()) return;
  Position resumed;
  if (Status s = DecodeCheckpoint(stored, resumed); !s.ok()) {
    ctx_.Log().Warn("ignoring the stored checkpoint and starting over: " + s.message());
    return;
  }
  if (resumed.query >= settings_.queries.size() || settings_.queries[resumed.query] != resumed.query_text) {
    ctx_.Log().Warn("the queries changed since the checkpoint was written; starting over");
    return;
  }
  if (!resumed.next_url.empty() && !fetcher_.Pager().OnOrigin(resumed.next_url)) {
    ctx_.Log().Warn("the stored checkpoint points at another server than base_url; starting over");
    return;
  }
  pos_ = std::move(resumed);
  ctx_.Log().Info("resuming at " + Describe(pos_, settings_.queries.size()));
}

Position Crawl::Advance(const Answer& answer, bool& split) const {
  Position next = pos_;
  const Slice slice = pos_.pending.back();
  const bool first_page = pos_.next_url.empty();
  const int64_t from = slice.whole ? settings_.created_since : slice.from;
  const int64_t to = slice.whole ? pos_.until : slice.to;
  split = first_page && answer.total > kSearchCap && settings_.split_created && from < to;
  if (split) {
    const int64_t mid = from + (to - from) / 2;
    next.pending.pop_back();
    next.pending.push_back(Slice{false, mid + 1, to});
    next.pending.push_back(Slice{false, from, mid});
    return next;
  }
  if (!answer.next_url.empty()) {
    next.next_url = answer.next_url;
    next.page += 1;
    return next;
  }
  next.next_url.clear();
  next.page = 1;
  next.pending.pop_back();
  if (next.pending.empty()) {
    next.query += 1;
    next.pending = {Slice{}};
    next.query_text = next.query < settings_.queries.size() ? settings_.queries[next.query] : "";
  }
  return next;
}

void Crawl::Report(const std::string& phase) {
  SourceProgress progress;
  progress.checkpoint_summary = pos_.query < settings_.queries.size()
                                    ? Describe(pos_, settings_.queries.size())
                                    : std::string("crawl complete");
  progress.checkpoint_summary += "; " + std::to_string(records_) + " repositories, " + std::to_string(requests_) +
                                 " requests (" + std::to_string(not_modified_) + " not modified) this run";
  fetcher_.Lane().Snapshot("search", progress.rate_limit_remaining, progress.rate_limit_reset_epoch,
                           progress.rate_limit_limit);
  progress.rate_limit_resource = "search";
  progress.phase = phase;
  ctx_.ReportProgress(progress);
}

Status Crawl::Step() {
  const std::string url = pos_.next_url.empty()
                              ? BuildSearchUrl(settings_.base_url, pos_.query_text + pos_.pending.back().Qualifier(),
                                               settings_.per_page, settings_.sort)
                              : pos_.next_url;
  if (Status s = fetcher_.Pager().Visit(url); !s.ok()) return s;
  Answer answer;
  for (int64_t attempt = 0;; ++attempt) {
    Status s = fetcher_.Search(url, answer);
    ++requests_;
    if (s.code() == StatusCode::kRateLimited) Report("waiting for the rate-limit reset");
    if (!s.ok()) return s;
    if (!answer.page.incomplete || attempt >= settings_.incomplete_retries) break;
    ctx_.Log().Warn("GET " + url + " answered incomplete_results:true; asking again");
  }
  for (const Rejection& r : answer.page.rejections)
    ctx_.Log().Warn("GET " + url + ": rejected repository #" + std::to_string(r.index) + " (" +
                    (r.id.empty() ? std::string("no id") : "id " + r.id) + "): " + r.reason);
  Page page;
  page.rejected = answer.page.rejections.size();
  if (answer.page.incomplete) {
    // What it found is real, but the slice is not known complete: commit the
    // records, keep the position, and let the scheduler try again later.
    page.checkpoint = EncodeCheckpoint(pos_);
    records_ += answer.page.records.size();
    page.records = std::move(answer.page.records);
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
    return Status::IoError("GET " + url + " kept answering incomplete_results:true; the slice stays open")
        .WithRetryAfter(web::kDefaultRateLimitWait);
  }
  bool split = false;
  Position next = Advance(answer, split);
  if (split) {
    ctx_.Log().Info(Describe(pos_, settings_.queries.size()) + ": " + std::to_string(answer.total) +
                    " results, splitting its created: range");
  } else {
    if (pos_.next_url.empty() && answer.total > kSearchCap)
      ctx_.Log().Warn(Describe(pos_, settings_.queries.size()) + ": " + std::to_string(answer.total) +
                      " results, only the first 1,000 are reachable (cannot split further)");
    if (manifests_)
      for (Record& record : answer.page.records)
        if (Status s = manifests_->Enrich(record, page.state); !s.ok()) return s;
    records_ += answer.page.records.size();
    page.records = std::move(answer.page.records);
  }
  if (answer.not_modified) ++not_modified_;
  if (answer.store) page.state.emplace_back(StateKey(url), EncodeStored(*answer.store));
  else if (!answer.not_modified && answer.had_stored) page.state.emplace_back(StateKey(url), std::nullopt);
  const bool done = next.query >= settings_.queries.size();
  page.checkpoint = done ? std::string() : EncodeCheckpoint(next);
  if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled before " + url + " was committed");
  if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
  pos_ = std::move(next);
  if (!done && !answer.not_modified && answer.rate.remaining && *answer.rate.remaining == 0) {
    const auto wait = answer.rate.reset ? web::UntilReset(*answer.rate.reset, std::chrono::system_clock::now())
                                        : web::kDefaultRateLimitWait;
    Report("waiting for the rate-limit reset");
    return Status::RateLimited("the search budget is spent (x-ratelimit-remaining: 0); resuming at " +
                                   Describe(pos_, settings_.queries.size()) + " in " + std::to_string(wait.count()) +
                                   "s",
                               wait);
  }
  return Status::Ok();
}

Status Crawl::Run() {
  if (Status s = fetcher_.Init(); !s.ok()) return s;
  if (settings_.manifests) manifests_.emplace(ctx_, fetcher_, settings_.manifest_budget);
  StartPosition();
  for (int64_t pages = 0; pos_.query < settings_.queries.size(); ++pages) {
    if (settings_.max_pages > 0 && pages >= settings_.max_pages) {
      ctx_.Log().Info("stopping after max_pages=" + std::to_string(settings_.max_pages) + "; the next run continues at " +
                      Describe(pos_, settings_.queries.size()));
      return Status::Ok();
    }
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled at " + Describe(pos_, settings_.queries.size()));
    Report("search");
    if (Status s = Step(); !s.ok()) return s;
  }
  Report("idle");
  ctx_.Log().Info("crawl complete: " + std::to_string(records_) + " repositories, " + std::to_string(requests_) +
                  " search requests (" + std::to_string(not_modified_) + " not modified)" +
                  (manifests_ ? ", " + std::to_string(manifests_->requests()) + " manifest requests" : "") +
                  " this run");
  return Status::Ok();
}

}  // namespace

Status GitHubSource::Run(SourceContext& ctx) {
  return Guarded("github source", [&] {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    Crawl crawl(ctx, std::move(settings));
    return crawl.Run();
  });
}

Status GitHubSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::gh
