#include "hf_hub_client.hpp"

#include "rate_headers.hpp"
#include "response_verdict.hpp"

#include <algorithm>

namespace mltrend::hf {

HubClient::HubClient(SourceContext& ctx, const Settings& settings, const std::string& origin)
    : ctx_(ctx), token_(ctx.Secret("HF_TOKEN")) {
  limit_ = RequestLimit(settings, !token_.empty());
  budget_ = RequestBudget::Shared(RequestBudget::Key(origin, token_));
}

Status HubClient::Get(const std::string& url, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Accept", "application/json");
  return Send(request, response);
}

Status HubClient::GetRange(const std::string& url, uint64_t first, uint64_t last, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Range", "bytes=" + std::to_string(first) + "-" + std::to_string(last));
  const uint64_t wanted = last - first + 1;
  std::string bytes;
  bool cut = false;
  request.on_body = [&](std::string_view chunk) {
    const uint64_t room = wanted - bytes.size();
    bytes.append(chunk.substr(0, static_cast<size_t>(std::min<uint64_t>(room, chunk.size()))));
    if (chunk.size() <= room) return Status::Ok();
    cut = true;  // more than asked for: the server ignored the Range
    return Status::Cancelled("the ranged answer is longer than the " + std::to_string(wanted) + " bytes asked for");
  };
  Status s = Send(request, response);
  if (cut) {
    response.status = 200;
    response.url = url;
    s = Status::Ok();
  }
  if (s.ok()) response.body = std::move(bytes);
  return s;
}

Status HubClient::Send(const HttpRequest& request, HttpResponse& response) {
  const std::string& url = request.url;
  std::chrono::seconds wait{0};
  if (!budget_->TryTake(static_cast<long>(limit_), RequestBudget::Clock::now(), wait))
    return Status::RateLimited("the Hub's 5-minute request window is spent (" + std::to_string(limit_) +
                                   " requests); the next request may go in " + std::to_string(wait.count()) + "s",
                               wait);
  HttpRequest with_token = request;
  if (!token_.empty()) with_token.headers.Add("Authorization", "Bearer " + token_);
  // The client's own message already starts with "GET <url>".
  if (Status s = ctx_.Http().Send(with_token, response); !s.ok()) return s;
  const auto now = RequestBudget::Clock::now();
  budget_->Observe(response.headers, static_cast<long>(limit_), now);
  Status s = web::CheckResponse(response, url, std::chrono::system_clock::now());
  if (s.code() == StatusCode::kRateLimited)
    budget_->Exhaust(s.RetryAfter().value_or(web::kDefaultRateLimitWait), static_cast<long>(limit_), now);
  return s;
}

SourceProgress HubClient::Progress(std::string summary, std::string phase) const {
  const RequestBudget::Figures f = budget_->Snapshot(static_cast<long>(limit_));
  SourceProgress progress;
  progress.checkpoint_summary = std::move(summary);
  progress.phase = std::move(phase);
  progress.rate_limit_limit = f.limit;
  progress.rate_limit_remaining = f.remaining;
  progress.rate_limit_reset_epoch = f.reset_epoch;
  progress.rate_limit_resource = "api";
  return progress;
}

}  // namespace mltrend::hf
