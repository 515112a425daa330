#include "hf_source.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <set>
#include <string>

#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_page_parser.hpp"
#include "hf_request.hpp"
#include "hf_response.hpp"

namespace mltrend::hf {

namespace {

//! One run's state: where the crawl is and what it has seen.
class Crawl {
 public:
  Crawl(SourceContext& ctx, Settings settings) : ctx_(ctx), settings_(std::move(settings)) {}
  Status Run();

 private:
  Status StartPosition();
  Status FetchPage(HttpResponse& response);
  Status NextLink(const HttpResponse& response, std::optional<std::string>& next);
  void Report(const HttpResponse* response);

  SourceContext& ctx_;
  Settings settings_;
  Origin origin_;
  CrawlPosition position_;
  std::set<std::string> fetched_;
  std::string token_;
  size_t records_this_run_ = 0;
  long rate_remaining_ = -1;
  long rate_reset_epoch_ = 0;
};

Status Crawl::StartPosition() {
  if (Status s = ParseOrigin(settings_.base_url, origin_); !s.ok()) return s;
  position_ = CrawlPosition{BuildFirstPageUrl(settings_), 1};
  const std::string& stored = ctx_.Checkpoint();
  if (stored.empty()) return Status::Ok();
  CrawlPosition resumed;
  if (Status s = DecodeCheckpoint(stored, resumed); !s.ok()) {
    ctx_.Log().Warn("ignoring the stored checkpoint and starting over: " + s.message());
    return Status::Ok();
  }
  Origin at;
  if (!ParseOrigin(resumed.next, at).ok() || !(at == origin_)) {
    // base_url changed since the checkpoint was written: its cursor belongs
    // to another server, so the crawl starts over on the configured one.
    ctx_.Log().Warn("the stored checkpoint points at another server than base_url " + settings_.base_url +
                    "; starting over");
    return Status::Ok();
  }
  position_ = std::move(resumed);
  ctx_.Log().Info("resuming at page " + std::to_string(position_.page));
  return Status::Ok();
}

Status Crawl::FetchPage(HttpResponse& response) {
  HttpRequest request;
  request.url = position_.next;
  request.headers.Add("Accept", "application/json");
  if (!token_.empty()) request.headers.Add("Authorization", "Bearer " + token_);
  // The client's own message already starts with "GET <url>".
  if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
  Report(&response);
  return CheckResponse(response, position_.next, std::chrono::system_clock::now());
}

Status Crawl::NextLink(const HttpResponse& response, std::optional<std::string>& next) {
  next.reset();
  auto link = response.headers.Get("Link");
  if (!link) return Status::Ok();
  auto target = LinkNext(*link);
  if (!target) return Status::Ok();
  std::string resolved;
  if (Status s = ResolveLink(position_.next, *target, resolved); !s.ok()) return s;
  Origin at;
  if (Status s = ParseOrigin(resolved, at); !s.ok()) return Status::Invalid("Link rel=\"next\" is unusable: " + s.message());
  if (!(at == origin_))
    return Status::Invalid("Link rel=\"next\" of page " + std::to_string(position_.page) + " points at " +
                           at.ToString() + ", not at base_url's " + origin_.ToString() + "; refusing to follow it");
  if (resolved == position_.next || fetched_.count(resolved))
    return Status::Invalid("Link rel=\"next\" of page " + std::to_string(position_.page) +
                           " names a URL this run already fetched (a paging loop): " + resolved);
  next = std::move(resolved);
  return Status::Ok();
}

void Crawl::Report(const HttpResponse* response) {
  if (response) {
    if (auto v = response->headers.Get("RateLimit")) {
      RateLimitInfo info = ParseRateLimit(*v);
      if (info.remaining) rate_remaining_ = *info.remaining;
      if (info.reset) {
        auto at = std::chrono::system_clock::now() + *info.reset;
        rate_reset_epoch_ = static_cast<long>(std::chrono::system_clock::to_time_t(at));
      }
    }
  }
  SourceProgress progress;
  progress.checkpoint_summary =
      "page " + std::to_string(position_.page) + ", " + std::to_string(records_this_run_) + " models this run";
  progress.rate_limit_remaining = rate_remaining_;
  progress.rate_limit_reset_epoch = rate_reset_epoch_;
  ctx_.ReportProgress(progress);
}

Status Crawl::Run() {
  if (Status s = StartPosition(); !s.ok()) return s;
  token_ = ctx_.Secret("HF_TOKEN");
  for (int64_t pages = 0;; ++pages) {
    if (settings_.max_pages > 0 && pages >= settings_.max_pages) {
      ctx_.Log().Info("stopping after max_pages=" + std::to_string(settings_.max_pages) +
                      "; the next run continues at page " + std::to_string(position_.page));
      return Status::Ok();
    }
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled before page " + std::to_string(position_.page));
    Report(nullptr);

    HttpResponse response;
    if (Status s = FetchPage(response); !s.ok()) return s;
    ParsedPage parsed;
    if (Status s = ParseModelsPage(response.body, parsed); !s.ok())
      return Status::Invalid("page " + std::to_string(position_.page) + " (" + position_.next + "): " + s.message());
    std::optional<std::string> next;
    if (Status s = NextLink(response, next); !s.ok()) return s;

    for (const Rejection& r : parsed.rejections)
      ctx_.Log().Warn("page " + std::to_string(position_.page) + ": rejected model #" + std::to_string(r.index) +
                      " (" + (r.id.empty() ? std::string("no id") : r.id) + "): " + r.reason);
    Page page;
    page.rejected = parsed.rejections.size();
    page.checkpoint = next ? EncodeCheckpoint(CrawlPosition{*next, position_.page + 1}) : std::string();
    const size_t count = parsed.records.size();
    page.records = std::move(parsed.records);

    if (ctx_.Cancel().Cancelled())
      return Status::Cancelled("run cancelled before page " + std::to_string(position_.page) + " was committed");
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
    records_this_run_ += count;

    if (!next) {
      Report(nullptr);
      ctx_.Log().Info("crawl complete at page " + std::to_string(position_.page) + ", " +
                      std::to_string(records_this_run_) + " models this run");
      return Status::Ok();
    }
    fetched_.insert(position_.next);
    position_ = CrawlPosition{std::move(*next), position_.page + 1};
  }
}

}  // namespace

Status HuggingFaceSource::Run(SourceContext& ctx) {
  try {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    Crawl crawl(ctx, std::move(settings));
    return crawl.Run();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("huggingface source failed unexpectedly: ") + e.what());
  } catch (...) {
    return Status::Internal("huggingface source failed with an unknown exception");
  }
}

Status HuggingFaceSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::hf
