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

#include "rate_headers.hpp"

namespace mltrend::gh {

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
  void Update(const std::string& resource, const web::RateHeaders& rate);
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
