//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_hub_client.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
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
  //! Status, or web::CheckResponse's verdict on the answer (a 429 also spends the
  //! shared window until its wait has passed).
  Status Get(const std::string& url, HttpResponse& response);

  //! GET `url` with `Range: bytes=first-last` (no Accept), under the same
  //! window and token rules as Get; redirects are followed by the client,
  //! keeping the Range (and dropping the token at another origin). A 2xx
  //! body is read only up to last-first+1 bytes, then the exchange is cut:
  //! a server that ignores Range and sends the whole file (a 200) still
  //! gives its prefix, never gigabytes. On Ok, response.body holds what was
  //! read (the caller checks its length) and response.status is the answer's
  //! status, or 200 when the exchange was cut.
  Status GetRange(const std::string& url, uint64_t first, uint64_t last, HttpResponse& response);

  //! The window's figures for ReportProgress, with `summary` and `phase`.
  SourceProgress Progress(std::string summary, std::string phase) const;
  int64_t Limit() const { return limit_; }

 private:
  //! Spends one request of the window, sends `request`, reads the rate-limit
  //! headers and judges the answer (web::CheckResponse).
  Status Send(const HttpRequest& request, HttpResponse& response);

  SourceContext& ctx_;
  std::string token_;
  int64_t limit_;
  std::shared_ptr<RequestBudget> budget_;
};

}  // namespace mltrend::hf
