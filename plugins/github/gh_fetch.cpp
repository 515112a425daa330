//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_fetch.cpp
//===----------------------------------------------------------------------===//
#include "gh_fetch.hpp"

#include <chrono>
#include <sstream>

#include "gh_url.hpp"
#include "response_verdict.hpp"

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
  if (Status s = pager_.Init(base_url_); !s.ok()) return s;
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
  lane_->Update(resource, web::ReadRateHeaders(response.headers, std::chrono::system_clock::now()));
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
  answer.rate = web::ReadRateHeaders(response.headers, now);
  lane_->Update("search", answer.rate);

  const int code = response.status;
  if (code == 304) {
    if (!stored) return Status::Invalid("GET " + url + " answered 304 to a request without If-None-Match");
    answer.not_modified = true;
    answer.total = stored->total;
    if (!stored->next_path.empty()) answer.next_url = root_ + stored->next_path;
    return Status::Ok();
  }
  if (Status s = web::CheckResponse(response, url, std::chrono::system_clock::now()); !s.ok()) return s;
  if (Status s = ParseSearchPage(response.body, answer.page); !s.ok())
    return Status::Invalid("GET " + url + ": " + s.message());
  answer.total = answer.page.total_count;
  std::optional<std::string> next;
  if (Status s = pager_.Next(response.headers, url, next); !s.ok()) return s;
  answer.next_url = next.value_or("");
  if (auto etag = response.headers.Get("ETag"); etag && !etag->empty() && !answer.page.incomplete)
    answer.store = StoredPage{*etag, answer.next_url.empty() ? "" : PathOf(answer.next_url), answer.total};
  return Status::Ok();
}

}  // namespace mltrend::gh
