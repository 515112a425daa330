//===----------------------------------------------------------------------===//
// mltrendd — runtime/backoff.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <optional>

namespace mltrendd {

//! When to run a source next, from how its last run ended. Pure, so the
//! policy is tested without clocks.
struct NextRunPolicy {
  static constexpr std::chrono::seconds kMaxServerWait{7 * 24 * 3600};

  std::chrono::milliseconds interval;
  std::chrono::milliseconds jitter;  //!< a uniform extra delay in [0, jitter]
  std::chrono::milliseconds backoff_initial;
  std::chrono::milliseconds backoff_max;

  //! After a successful run: interval plus jitter. `jitter_fraction` in [0,1].
  std::chrono::milliseconds AfterSuccess(double jitter_fraction) const;
  //! After the `consecutive_failures`-th failure in a row (1 for the first):
  //! backoff_initial doubled per failure, capped at backoff_max. A wait the
  //! server asked for (Retry-After, rate-limit reset) is never shortened:
  //! the result is at least `server_wait`, even beyond backoff_max, though
  //! never more than kMaxServerWait (a server asking for years is wrong,
  //! and the arithmetic must not overflow).
  std::chrono::milliseconds AfterFailure(int consecutive_failures,
                                         std::optional<std::chrono::seconds> server_wait) const;
};

}  // namespace mltrendd
