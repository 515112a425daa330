#include "pwc_dump_ingest.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "pwc_api_walk.hpp"
#include "pwc_dump_reader.hpp"
#include "response_verdict.hpp"
#include "pwc_link_parser.hpp"
#include "pwc_paper_dates.hpp"

namespace mltrend::pwc {

std::string EncodeDumpPosition(const DumpPosition& position) {
  return std::to_string(position.links) + "\t" + position.fingerprint;
}

bool DecodeDumpPosition(const std::string& text, DumpPosition& out) {
  const size_t tab = text.find('\t');
  if (tab == std::string::npos || tab == 0) return false;
  uint64_t n = 0;
  for (size_t i = 0; i < tab; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    n = n * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  out.links = n;
  out.fingerprint = text.substr(tab + 1);
  return true;
}

namespace {

//! "etag=<v>" or "last-modified=<v>" of an answer; "" when it has neither.
std::string ValidatorOf(const HttpResponse& response) {
  if (auto etag = response.headers.Get("ETag"); etag && !etag->empty()) return "etag=" + *etag;
  if (auto lm = response.headers.Get("Last-Modified"); lm && !lm->empty()) return "last-modified=" + *lm;
  return "";
}

class DumpRun {
 public:
  DumpRun(SourceContext& ctx, const Settings& settings) : ctx_(ctx), settings_(settings) {}
  Status Run();

 private:
  Status PathFingerprint(std::string& out);
  Status UrlValidator(std::string& out);
  bool IndexMissing();
  bool Unchanged(const std::string& fingerprint);
  Status Stream(const std::string& fingerprint, uint64_t skip);
  Status OnObject(std::string_view object);
  void Index(const Link& link, const Record& record);
  Status Emit(bool last);
  void Report(const char* phase);

  SourceContext& ctx_;
  const Settings& settings_;
  PaperDates dates_;
  DumpObjectParser parser_;
  std::string fingerprint_;
  uint64_t skip_ = 0;
  uint64_t index_ = 0;  //!< objects of the dump seen so far, skipped ones included
  std::vector<Record> records_;
  //! live_api: this page's arXiv-id index entries (kArxivKeyPrefix).
  std::vector<std::pair<std::string, std::optional<std::string>>> page_state_;
  std::string newest_;  //!< the newest record date so far (live_api)
  size_t page_objects_ = 0;
  size_t page_rejected_ = 0;
  uint64_t records_this_run_ = 0;
  std::vector<std::pair<std::string, std::optional<std::string>>> final_state_;
};

Status DumpRun::PathFingerprint(std::string& out) {
  if (Status s = FileFingerprint(settings_.links, out); !s.ok()) return s;
  if (!settings_.papers.empty()) {
    // The dates come from the papers dump too: a new one re-ingests.
    std::string papers = settings_.papers;
    if (!IsUrl(papers)) {
      if (Status s = FileFingerprint(papers, papers); !s.ok()) return Status(s.code(), "papers: " + s.message());
    }
    out += " papers: " + papers;
  }
  return Status::Ok();
}

//! A HEAD names the dump now behind the URL, so that a resumed run knows
//! whether its checkpoint still counts links of the same file.
Status DumpRun::UrlValidator(std::string& out) {
  HttpRequest request;
  request.method = "HEAD";
  request.url = settings_.links;
  HttpResponse response;
  if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
  if (response.status == 429) return web::CheckResponse(response, settings_.links, std::chrono::system_clock::now());
  out = response.status >= 200 && response.status < 300 ? ValidatorOf(response) : "";
  if (out.empty())
    ctx_.Log().Info("HEAD " + settings_.links + " (status " + std::to_string(response.status) +
                    ") gives no ETag or Last-Modified: a stopped run cannot resume mid-dump");
  return Status::Ok();
}

//! True when the dump ingest that live_api needs (its arXiv-id index and
//! newest date) is missing: a store filled before version 17 re-reads the
//! dump once, under the same keys.
bool DumpRun::IndexMissing() {
  if (settings_.mode != Mode::kDumpThenApi) return false;
  std::optional<std::string> index;
  return !ctx_.GetState(kStateKeyIndex, index).ok() || !index;
}

bool DumpRun::Unchanged(const std::string& fingerprint) {
  if (IndexMissing()) return false;
  std::optional<std::string> stored;
  if (!ctx_.GetState(kStateFingerprint, stored).ok() || !stored) return false;
  return !fingerprint.empty() && *stored == fingerprint;
}

void DumpRun::Report(const char* phase) {
  SourceProgress progress;
  progress.phase = phase;
  progress.checkpoint_summary = "link " + std::to_string(index_) + " of the dump, " +
                                std::to_string(records_this_run_) + " links stored this run" +
                                (skip_ ? " (resumed after " + std::to_string(skip_) + ")" : std::string());
  ctx_.ReportProgress(progress);
}

Status DumpRun::Emit(bool last) {
  Page page;
  page.records = std::move(records_);
  records_.clear();
  page.rejected = page_rejected_;
  page.checkpoint = last ? std::string() : EncodeDumpPosition(DumpPosition{index_, fingerprint_});
  page.state = std::move(page_state_);
  page_state_.clear();
  // Written with every page, so that a resumed run starts from it.
  if (settings_.mode == Mode::kDumpThenApi && !newest_.empty()) page.state.emplace_back(kStateDumpNewest, newest_);
  if (last) {
    page.state.insert(page.state.end(), final_state_.begin(), final_state_.end());
    if (settings_.mode == Mode::kDumpThenApi) page.state.emplace_back(kStateKeyIndex, "1");
  }
  const size_t count = page.records.size();
  if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
  records_this_run_ += count;
  page_objects_ = 0;
  page_rejected_ = 0;
  Report("dump ingest");
  return Status::Ok();
}

//! live_api: the API finds this link's key by arXiv id (api_walk.hpp
//! PaperKey), and its first walk stops at the dump's newest date.
void DumpRun::Index(const Link& link, const Record& record) {
  if (record.date > newest_) newest_ = record.date;
  if (!link.paper_arxiv_id || link.paper_arxiv_id->empty()) return;
  const std::string slug = PaperId(link.paper_url, std::nullopt);
  if (!slug.empty() && slug != *link.paper_arxiv_id) page_state_.emplace_back(kArxivKeyPrefix + *link.paper_arxiv_id, slug);
}

Status DumpRun::OnObject(std::string_view object) {
  // A full page is committed when the next link arrives, so that the last
  // page of the dump is always the one carrying the final state.
  if (page_objects_ >= static_cast<size_t>(settings_.page_size)) {
    if (Status s = Emit(false); !s.ok()) return s;
  }
  ++index_;
  if (index_ <= skip_) return Status::Ok();  // committed by an earlier run
  Link link;
  std::string id, problem;
  if (parser_.ParseLink(object, link, id, problem)) {
    records_.push_back(MakeLinkRecord(link, dates_.DateOf(link)));
    if (settings_.mode == Mode::kDumpThenApi) Index(link, records_.back());
  } else {
    ctx_.Log().Warn("rejected link #" + std::to_string(index_) + " (" + (id.empty() ? std::string("no id") : id) +
                    "): " + problem);
    ++page_rejected_;
  }
  ++page_objects_;
  return Status::Ok();
}

Status DumpRun::Stream(const std::string& fingerprint, uint64_t skip) {
  fingerprint_ = fingerprint;
  skip_ = skip;
  if (skip > 0 && settings_.mode == Mode::kDumpThenApi) {
    std::optional<std::string> newest;
    if (Status s = ctx_.GetState(kStateDumpNewest, newest); !s.ok()) return s;
    newest_ = newest.value_or("");
  }
  if (!settings_.papers.empty()) {
    Report("reading the papers dump");
    if (Status s = dates_.Load(ctx_, settings_.papers); !s.ok()) return s;
  }
  Report("dump ingest");
  DumpReader reader([this](std::string_view object) { return OnObject(object); });
  auto feed = [&reader](std::string_view raw) { return reader.Feed(raw); };
  if (!IsUrl(settings_.links)) {
    if (Status s = ReadFileChunks(settings_.links, ctx_.Cancel(), feed); !s.ok()) return s;
    final_state_ = {{kStateFingerprint, fingerprint}};
  } else {
    HttpRequest request;
    request.url = settings_.links;
    request.on_body = feed;
    if (skip == 0 && !IndexMissing()) {
      std::optional<std::string> etag, last_modified;
      if (ctx_.GetState(kStateEtag, etag).ok() && etag) request.headers.Add("If-None-Match", *etag);
      if (ctx_.GetState(kStateLastModified, last_modified).ok() && last_modified)
        request.headers.Add("If-Modified-Since", *last_modified);
    }
    HttpResponse response;
    if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
    if (response.status == 304) {
      ctx_.Log().Info("links dump unchanged (304 Not Modified): nothing to ingest");
      Report("unchanged");
      // A checkpoint left by a stopped run over another file is void now.
      if (!ctx_.Checkpoint().empty()) return ctx_.EmitPage(Page{});
      return Status::Ok();
    }
    if (Status s = web::CheckResponse(response, settings_.links, std::chrono::system_clock::now()); !s.ok())
      return s;
    auto etag = response.headers.Get("ETag");
    auto last_modified = response.headers.Get("Last-Modified");
    final_state_ = {{kStateFingerprint, ValidatorOf(response)},
                    {kStateEtag, etag ? etag : std::nullopt},
                    {kStateLastModified, last_modified ? last_modified : std::nullopt}};
  }
  if (Status s = reader.Finish(); !s.ok()) return Status(s.code(), "links dump " + settings_.links + ": " + s.message());
  if (index_ < skip_)
    return Status::Invalid("links dump " + settings_.links + " has " + std::to_string(index_) +
                           " links, fewer than the checkpoint's " + std::to_string(skip_));
  if (Status s = Emit(true); !s.ok()) return s;
  ctx_.Log().Info("links dump ingested: " + std::to_string(index_) + " links, " + std::to_string(records_this_run_) +
                  " stored this run" + (reader.Gzipped() ? " (gzip)" : ""));
  return Status::Ok();
}

Status DumpRun::Run() {
  const bool url = IsUrl(settings_.links);
  std::string fingerprint;
  if (Status s = url ? UrlValidator(fingerprint) : PathFingerprint(fingerprint); !s.ok()) return s;

  DumpPosition position;
  const std::string& checkpoint = ctx_.Checkpoint();
  const bool have_position = !checkpoint.empty() && DecodeDumpPosition(checkpoint, position);
  if (!checkpoint.empty() && !have_position) ctx_.Log().Warn("ignoring an unreadable checkpoint; starting over");
  if (!have_position && !url && Unchanged(fingerprint)) {
    ctx_.Log().Info("links dump unchanged (" + fingerprint + "): nothing to ingest");
    Report("unchanged");
    return Status::Ok();
  }
  uint64_t skip = 0;
  if (have_position) {
    if (!fingerprint.empty() && position.fingerprint == fingerprint) {
      skip = position.links;
      ctx_.Log().Info("resuming the links dump after link " + std::to_string(skip));
    } else {
      ctx_.Log().Warn("the links dump changed since the checkpoint was written; starting over");
    }
  }
  return Stream(fingerprint, skip);
}

}  // namespace

Status RunDumpMode(SourceContext& ctx, const Settings& settings) {
  DumpRun run(ctx, settings);
  return run.Run();
}

}  // namespace mltrend::pwc
