//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_rate_limit.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend::gh {

//! The least a rate-limited run waits when GitHub gives neither Retry-After
//! nor a reset to wait for (its documented advice: at least a minute).
inline constexpr std::chrono::seconds kMinimumBackoff{60};

//! What a response says about its budget; header names case-insensitive.
struct RateHeaders {
  std::optional<long> remaining;   //!< x-ratelimit-remaining
  std::optional<long> reset;       //!< x-ratelimit-reset, epoch seconds
  std::optional<long> limit;       //!< x-ratelimit-limit
  std::string resource;            //!< x-ratelimit-resource ("core", "search"), "" when absent
  std::optional<std::chrono::seconds> retry_after;  //!< Retry-After in seconds
};
RateHeaders ReadRateHeaders(const Headers& headers);

//! Seconds until `reset_epoch`, at least 1.
std::chrono::seconds UntilReset(long reset_epoch, std::chrono::system_clock::time_point now);

//! The Status for a 403 or 429 answer to `url`: RateLimited with Retry-After
//! when given, else the wait until x-ratelimit-reset when remaining is 0
//! (kMinimumBackoff when no reset came), else kMinimumBackoff. A 403 with
//! none of the signs of a limit (no Retry-After, remaining not 0, no "rate
//! limit" or "abuse" in the body) is a plain refusal: Invalid.
Status LimitedStatus(const HttpResponse& response, const RateHeaders& rate, const std::string& url,
                     std::chrono::system_clock::time_point now);

//! The process-wide state of one token (the anonymous "token" included):
//! several source instances may share a token, and GitHub counts per token,
//! so the lock that keeps one request in flight and the budgets live here,
//! not in a run. Keyed by a hash of the token; the token is not kept.
class TokenLane {
 public:
  static std::shared_ptr<TokenLane> For(const std::string& token);
  //! Drops every lane's budgets (tests: what a passing reset window does).
  static void ForgetBudgets();

  //! Held around each request: one in flight per token.
  std::mutex& InFlight() { return in_flight_; }
  //! Records `rate` for `resource` (the response's own resource wins).
  void Update(const std::string& resource, const RateHeaders& rate);
  //! The wait when `resource` is known to be spent until a reset still ahead.
  std::optional<std::chrono::seconds> Exhausted(const std::string& resource,
                                                std::chrono::system_clock::time_point now) const;
  //! remaining, reset epoch and limit of `resource` (-1, 0, -1 when unknown).
  void Snapshot(const std::string& resource, long& remaining, long& reset, long& limit) const;

 private:
  struct Budget {
    long remaining = -1, reset = 0, limit = -1;
  };
  void Clear();
  std::mutex in_flight_;
  mutable std::mutex state_;
  std::map<std::string, Budget> budgets_;
};

}  // namespace mltrend::gh
