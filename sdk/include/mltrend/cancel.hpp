//===----------------------------------------------------------------------===//
// mltrend SDK — cancel.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>

namespace mltrend {

//! Set by the daemon when a run must stop (SIGTERM, source removed on
//! reload). A source checks it between pages and returns Status::Cancelled;
//! the HTTP client also aborts a request in flight when it is set. A page is
//! either committed whole by EmitPage or not at all, so stopping is safe at
//! any check.
class CancelToken {
 public:
  bool Cancelled() const { return cancelled_.load(std::memory_order_acquire); }
  void Cancel() { cancelled_.store(true, std::memory_order_release); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace mltrend
