//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_hub_client.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>

#include "hf_budget.hpp"
#include "hf_config.hpp"
#include "mltrend/source.hpp"

namespace mltrend::hf {

//! One run's way to the Hub: every GET of the listing and of commit
//! histories goes through Get, which spends one request of the shared
//! 5-minute window budget first and reads the answer's rate-limit headers
//! after. Never sleeps: a spent budget is a RateLimited status whose wait is
//! the time to the window's end, and the scheduler comes back then.
class HubClient {
 public:
  HubClient(SourceContext& ctx, const Settings& settings, const std::string& origin);

  //! GET `url` (Accept: application/json, the token when set). RateLimited
  //! before sending when the window is spent; otherwise the transport's
  //! Status, or CheckResponse's verdict on the answer (a 429 also spends the
  //! shared window until its wait has passed).
  Status Get(const std::string& url, HttpResponse& response);

  //! The window's figures for ReportProgress, with `summary` and `phase`.
  SourceProgress Progress(std::string summary, std::string phase) const;
  int64_t Limit() const { return limit_; }

 private:
  SourceContext& ctx_;
  std::string token_;
  int64_t limit_;
  std::shared_ptr<RequestBudget> budget_;
};

}  // namespace mltrend::hf
