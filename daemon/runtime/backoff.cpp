#include "mltrendd/runtime/backoff.hpp"

#include <algorithm>

namespace mltrendd {

std::chrono::milliseconds NextRunPolicy::AfterSuccess(double jitter_fraction) const {
  double f = std::clamp(jitter_fraction, 0.0, 1.0);
  return interval + std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(jitter.count()) * f));
}

std::chrono::milliseconds NextRunPolicy::AfterFailure(int consecutive_failures,
                                                      std::optional<std::chrono::seconds> server_wait) const {
  std::chrono::milliseconds wait = backoff_initial;
  for (int i = 1; i < consecutive_failures && wait < backoff_max; ++i) wait *= 2;
  wait = std::min(wait, backoff_max);
  if (server_wait) wait = std::max<std::chrono::milliseconds>(wait, std::min(*server_wait, kMaxServerWait));
  return wait;
}

}  // namespace mltrendd
