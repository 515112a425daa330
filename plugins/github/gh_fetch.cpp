//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_fetch.cpp
//===----------------------------------------------------------------------===//
#include "gh_fetch.hpp"

#include <chrono>
#include <sstream>

#include "error_text.hpp"
#include "gh_url.hpp"

namespace mltrend::gh {

std::string EncodeStored(const StoredPage& s) { return s.etag + "\n" + s.next_path + "\n" + std::to_string(s.total); }

bool DecodeStored(const std::string& text, StoredPage& out) {
  size_t a = text.find('\n');
  size_t b = a == std::string::npos ? a : text.find('\n', a + 1);
  if (b == std::string::npos) return false;
  try {
    out.total = std::stoll(text.substr(b + 1));
  } catch (const std::exception&) {
    return false;
  }
  out.etag = text.substr(0, a);
  out.next_path = text.substr(a + 1, b - a - 1);
  return !out.etag.empty();
}

std::string StateKey(const std::string& url) { return "etag:" + PathOf(url); }

Fetcher::Fetcher(SourceContext& ctx, std::string base_url, std::string token)
    : ctx_(ctx), base_url_(std::move(base_url)), token_(std::move(token)) {}

Status Fetcher::Init() {
  if (Status s = OriginOf(base_url_, origin_); !s.ok()) return s;
  size_t scheme_end = base_url_.find("://");
  root_ = base_url_.substr(0, base_url_.find('/', scheme_end + 3));
  lane_ = TokenLane::For(token_);
  return Status::Ok();
}

Status Fetcher::Send(const std::string& url, const std::optional<StoredPage>& stored, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Accept", "application/vnd.github+json");
  request.headers.Add("X-GitHub-Api-Version", "2022-11-28");
  if (!token_.empty()) request.headers.Add("Authorization", "Bearer " + token_);
  if (stored) request.headers.Add("If-None-Match", stored->etag);
  std::lock_guard in_flight(lane_->InFlight());
  return ctx_.Http().Send(request, response);
}

Status Fetcher::Get(const std::string& url, const std::string& resource, HttpResponse& response) {
  if (auto wait = lane_->Exhausted(resource, std::chrono::system_clock::now()))
    return Status::RateLimited("the " + resource + " budget is spent until its reset", *wait);
  if (Status s = Send(url, std::nullopt, response); !s.ok()) return s;
  lane_->Update(resource, ReadRateHeaders(response.headers));
  return Status::Ok();
}

Status Fetcher::Search(const std::string& url, Answer& answer) {
  answer = Answer{};
  const auto now = std::chrono::system_clock::now();
  if (auto wait = lane_->Exhausted("search", now))
    return Status::RateLimited("the search budget is spent until its reset (retry in " +
                                   std::to_string(wait->count()) + "s); not asking",
                               *wait);
  std::optional<StoredPage> stored;
  std::optional<std::string> text;
  if (Status s = ctx_.GetState(StateKey(url), text); !s.ok()) return s;
  if (text) {
    StoredPage page;
    if (DecodeStored(*text, page)) stored = page;
    answer.had_stored = true;
  }
  HttpResponse response;
  if (Status s = Send(url, stored, response); !s.ok()) return s;
  answer.rate = ReadRateHeaders(response.headers);
  lane_->Update("search", answer.rate);

  const int code = response.status;
  if (code == 304) {
    if (!stored) return Status::Invalid("GET " + url + " answered 304 to a request without If-None-Match");
    answer.not_modified = true;
    answer.total = stored->total;
    if (!stored->next_path.empty()) answer.next_url = root_ + stored->next_path;
    return Status::Ok();
  }
  if (code == 403 || code == 429) return LimitedStatus(response, answer.rate, url, std::chrono::system_clock::now());
  if (code < 200 || code >= 300) {
    const std::string where = "GET " + url + " answered HTTP " + std::to_string(code);
    if (code >= 500 || code == 408) return Status::IoError(where).WithRetryAfter(answer.rate.retry_after);
    return Status::Invalid(where + ": " + plugin_text::BodySnippet(response.body));
  }
  if (Status s = ParseSearchPage(response.body, answer.page); !s.ok())
    return Status::Invalid("GET " + url + ": " + s.message());
  answer.total = answer.page.total_count;
  if (auto link = response.headers.Get("Link")) {
    if (auto target = LinkNext(*link)) {
      std::string resolved, at;
      if (Status s = ResolveLink(url, *target, resolved); !s.ok()) return s;
      if (Status s = OriginOf(resolved, at); !s.ok()) return Status::Invalid("Link rel=\"next\": " + s.message());
      if (at != origin_)
        return Status::Invalid("Link rel=\"next\" of " + url + " points at " + at + ", not at base_url's " + origin_ +
                               "; refusing to follow it");
      answer.next_url = resolved;
    }
  }
  if (auto etag = response.headers.Get("ETag"); etag && !etag->empty() && !answer.page.incomplete)
    answer.store = StoredPage{*etag, answer.next_url.empty() ? "" : PathOf(answer.next_url), answer.total};
  return Status::Ok();
}

}  // namespace mltrend::gh
