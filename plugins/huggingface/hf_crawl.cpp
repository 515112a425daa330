#include "hf_crawl.hpp"

#include <chrono>

#include "hf_enrich.hpp"
#include "hf_headers.hpp"
#include "hf_state.hpp"

namespace mltrend::hf {

namespace {

int64_t NowEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Attr(const Record& record, const char* key) {
  auto it = record.attrs.find(key);
  return it == record.attrs.end() ? std::string() : it->second;
}

}  // namespace

Status Crawl::StartFresh() {
  std::optional<std::string> finished;
  if (Status s = ctx_.GetState(state::kFullFinishedAt, finished); !s.ok()) return s;
  const std::optional<int64_t> finished_at = finished ? ParseInt(*finished) : std::nullopt;
  const int64_t now = NowEpoch();
  const bool refresh = finished_at && settings_.full_crawl_interval.count() > 0 &&
                       now - *finished_at < settings_.full_crawl_interval.count();
  if (!refresh) {
    position_ = CrawlPosition{Phase::kFull, BuildFirstPageUrl(settings_), 1, now, ""};
    ctx_.Log().Info("starting a full crawl");
    return Status::Ok();
  }
  std::optional<std::string> modified;
  if (Status s = ctx_.GetState(state::kModifiedMark, modified); !s.ok()) return s;
  if (!created_mark_.empty()) {
    position_ = CrawlPosition{Phase::kCreated, BuildRefreshUrl(settings_, "createdAt"), 1, now, created_mark_};
  } else if (modified) {
    ctx_.Log().Info("no createdAt stored yet; the refresh reads lastModified pages only");
    position_ = CrawlPosition{Phase::kModified, BuildRefreshUrl(settings_, "lastModified"), 1, now, *modified};
  } else {
    position_ = CrawlPosition{Phase::kFull, BuildFirstPageUrl(settings_), 1, now, ""};
    ctx_.Log().Info("no refresh marks stored; starting a full crawl");
    return Status::Ok();
  }
  ctx_.Log().Info("starting a refresh (last full crawl finished " + std::to_string(now - *finished_at) + "s ago)");
  return Status::Ok();
}

Status Crawl::Start() {
  if (Status s = pager_.Init(settings_.base_url); !s.ok()) return s;
  std::optional<std::string> mark;
  if (Status s = ctx_.GetState(state::kCreatedMark, mark); !s.ok()) return s;
  created_mark_ = mark.value_or("");
  const std::string& stored = ctx_.Checkpoint();
  if (stored.empty()) return StartFresh();
  CrawlPosition resumed;
  if (Status s = DecodeCheckpoint(stored, resumed); !s.ok()) {
    ctx_.Log().Warn("ignoring the stored checkpoint and starting over: " + s.message());
    return StartFresh();
  }
  if (!pager_.OnOrigin(resumed.next)) {
    // base_url changed since the checkpoint was written: its cursor belongs
    // to another server, so the crawl starts over on the configured one.
    ctx_.Log().Warn("the stored checkpoint points at another server than base_url " + settings_.base_url +
                    "; starting over");
    return StartFresh();
  }
  // A checkpoint from before refreshes existed has no start; now is the
  // closest bound known.
  if (resumed.started == 0) resumed.started = NowEpoch();
  position_ = std::move(resumed);
  ctx_.Log().Info("resuming the " + std::string(PhaseName(position_.phase)) + " phase at page " +
                  std::to_string(position_.page));
  return Status::Ok();
}

bool Crawl::ReachesMark(const ParsedPage& parsed) const {
  if (position_.phase == Phase::kFull) return false;
  const char* key = position_.phase == Phase::kCreated ? "createdAt" : "lastModified";
  for (const Record& record : parsed.records) {
    const std::string value = Attr(record, key);
    // A model without the sort key cannot be placed above the mark: the
    // sorted listing has run past what this phase is for.
    if (value.empty()) return true;
    const int c = CompareTimestamps(value, position_.stop);
    if (position_.phase == Phase::kCreated ? c <= 0 : c < 0) return true;
  }
  return false;
}

Status Crawl::EndPhase(Page& page, bool& run_finished) {
  run_finished = false;
  if (position_.phase == Phase::kCreated) {
    std::optional<std::string> modified;
    if (Status s = ctx_.GetState(state::kModifiedMark, modified); !s.ok()) return s;
    if (modified) {
      page.checkpoint = EncodeCheckpoint(CrawlPosition{Phase::kModified, BuildRefreshUrl(settings_, "lastModified"),
                                                       1, position_.started, *modified});
      return Status::Ok();
    }
  }
  page.checkpoint.clear();
  page.state.emplace_back(std::string(state::kModifiedMark), IsoTimestamp(position_.started));
  if (position_.phase == Phase::kFull)
    page.state.emplace_back(std::string(state::kFullFinishedAt), std::to_string(NowEpoch()));
  run_finished = true;
  return Status::Ok();
}

void Crawl::Report() {
  std::string summary;
  std::string phase;
  if (position_.phase == Phase::kFull) {
    phase = "full crawl";
    summary = "full crawl page " + std::to_string(position_.page);
  } else {
    phase = "refresh";
    summary = "refresh: " + std::string(PhaseName(position_.phase)) + " pages " + std::to_string(position_.page);
  }
  summary += ", " + std::to_string(records_this_run_) + " models this run";
  ctx_.ReportProgress(hub_->Progress(std::move(summary), std::move(phase)));
}

Status Crawl::Run() {
  if (Status s = Start(); !s.ok()) return s;
  hub_.emplace(ctx_, settings_, pager_.Base().Origin());
  for (int64_t pages = 0;; ++pages) {
    if (settings_.max_pages > 0 && pages >= settings_.max_pages) {
      ctx_.Log().Info("stopping after max_pages=" + std::to_string(settings_.max_pages) + "; the next run continues at " +
                      std::string(PhaseName(position_.phase)) + " page " + std::to_string(position_.page));
      return Status::Ok();
    }
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled before page " + std::to_string(position_.page));
    Report();

    if (Status s = pager_.Visit(position_.next); !s.ok()) return s;
    HttpResponse response;
    Status fetched = hub_->Get(position_.next, response);
    Report();
    if (!fetched.ok()) return fetched;
    ParsedPage parsed;
    if (Status s = ParseModelsPage(response.body, parsed); !s.ok())
      return Status::Invalid("page " + std::to_string(position_.page) + " (" + position_.next + "): " + s.message());
    std::optional<std::string> next;
    if (Status s = pager_.Next(response.headers, position_.next, next); !s.ok())
      return Status(s.code(), "page " + std::to_string(position_.page) + ": " + s.message());

    for (const Rejection& r : parsed.rejections)
      ctx_.Log().Warn("page " + std::to_string(position_.page) + ": rejected model #" + std::to_string(r.index) +
                      " (" + (r.id.empty() ? std::string("no id") : r.id) + "): " + r.reason);
    const bool phase_ends = !next || ReachesMark(parsed);
    Page page;
    page.rejected = parsed.rejections.size();
    std::string newest = created_mark_;
    for (const Record& record : parsed.records) {
      const std::string created = Attr(record, "createdAt");
      if (!created.empty() && (newest.empty() || CompareTimestamps(created, newest) > 0)) newest = created;
    }
    if (newest != created_mark_) page.state.emplace_back(std::string(state::kCreatedMark), newest);
    if (Status s = PrepareFloorRecords(ctx_, settings_.enrich_first_commit, parsed.records, page.state); !s.ok())
      return s;
    if (Status s = PrepareHeaderRecords(ctx_, settings_, parsed.records, page.state); !s.ok()) return s;
    bool run_finished = false;
    if (phase_ends) {
      if (Status s = EndPhase(page, run_finished); !s.ok()) return s;
    } else {
      CrawlPosition after = position_;
      after.next = *next;
      after.page += 1;
      page.checkpoint = EncodeCheckpoint(after);
    }
    const size_t count = parsed.records.size();
    page.records = std::move(parsed.records);
    const std::string new_checkpoint = page.checkpoint;

    if (ctx_.Cancel().Cancelled())
      return Status::Cancelled("run cancelled before page " + std::to_string(position_.page) + " was committed");
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
    records_this_run_ += count;
    created_mark_ = newest;

    if (run_finished) {
      ctx_.Log().Info(std::string(position_.phase == Phase::kFull ? "full crawl" : "refresh") + " complete at " +
                      std::string(PhaseName(position_.phase)) + " page " + std::to_string(position_.page) + ", " +
                      std::to_string(records_this_run_) + " models this run");
      Report();
      if (settings_.read_safetensors_headers) {
        HeaderReader headers(ctx_, settings_, *hub_);
        if (Status s = headers.Run(); !s.ok()) return s;
      }
      if (!settings_.enrich_first_commit) return Status::Ok();
      Enricher enricher(ctx_, settings_, *hub_, pager_.Base());
      return enricher.Run();
    }
    if (Status s = DecodeCheckpoint(new_checkpoint, position_); !s.ok()) return s;
  }
}

}  // namespace mltrend::hf
