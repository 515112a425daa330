#include "hf_hub_client.hpp"

#include "hf_response.hpp"

namespace mltrend::hf {

HubClient::HubClient(SourceContext& ctx, const Settings& settings, const std::string& origin)
    : ctx_(ctx), token_(ctx.Secret("HF_TOKEN")) {
  limit_ = RequestLimit(settings, !token_.empty());
  budget_ = RequestBudget::Shared(RequestBudget::Key(origin, token_));
}

Status HubClient::Get(const std::string& url, HttpResponse& response) {
  std::chrono::seconds wait{0};
  if (!budget_->TryTake(static_cast<long>(limit_), RequestBudget::Clock::now(), wait))
    return Status::RateLimited("the Hub's 5-minute request window is spent (" + std::to_string(limit_) +
                                   " requests); the next request may go in " + std::to_string(wait.count()) + "s",
                               wait);
  HttpRequest request;
  request.url = url;
  request.headers.Add("Accept", "application/json");
  if (!token_.empty()) request.headers.Add("Authorization", "Bearer " + token_);
  // The client's own message already starts with "GET <url>".
  if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
  const auto now = RequestBudget::Clock::now();
  budget_->Observe(response.headers, static_cast<long>(limit_), now);
  Status s = CheckResponse(response, url, std::chrono::system_clock::now());
  if (s.code() == StatusCode::kRateLimited)
    budget_->Exhaust(s.RetryAfter().value_or(std::chrono::seconds(60)), static_cast<long>(limit_), now);
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
