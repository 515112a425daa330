//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_budget.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "mltrend/http.hpp"

namespace mltrend::hf {

//! The Hub's fixed 5-minute request window for one token on one host,
//! shared by every source instance of this process that uses them (the Hub
//! counts per token, not per instance). The local count starts a window at
//! the first request and allows `limit` requests in it; the server's
//! RateLimit / RateLimit-Policy headers, when an answer carries them,
//! replace the local figures (remaining, window end, quota, window length).
//! Thread-safe: instances run concurrently.
class RequestBudget {
 public:
  using Clock = std::chrono::system_clock;

  //! The budget for `key` (origin + a hash of the token), created on first use.
  static std::shared_ptr<RequestBudget> Shared(const std::string& key);
  //! Forgets every budget: for tests, standing for "the window has passed".
  static void ForgetAll();
  //! The registry key: the origin plus a hash of the token, so the token
  //! itself is never kept or shown.
  static std::string Key(const std::string& origin, const std::string& token);

  //! Takes one request from the current window (starting a new one when the
  //! last has ended). False when the window is spent; `wait` is then the
  //! time until it ends (at least 1 s). `limit` is the caller's configured
  //! budget, used until a RateLimit-Policy quota is seen.
  bool TryTake(long limit, Clock::time_point now, std::chrono::seconds& wait);
  //! Reads RateLimit and RateLimit-Policy from an answer's headers.
  void Observe(const Headers& headers, long limit, Clock::time_point now);
  //! A 429: nothing is left until `wait` has passed.
  void Exhaust(std::chrono::seconds wait, long limit, Clock::time_point now);

  struct Figures {
    long limit = -1;
    long remaining = -1;
    long reset_epoch = 0;  //!< when the window ends, 0 before the first request
  };
  Figures Snapshot(long limit) const;

 private:
  long LimitLocked(long limit) const { return quota_ ? *quota_ : limit; }
  void RollLocked(Clock::time_point now);

  mutable std::mutex mutex_;
  std::optional<Clock::time_point> window_end_;
  long used_ = 0;
  std::optional<long> quota_;
  std::chrono::seconds window_{300};
};

}  // namespace mltrend::hf
