#include "hf_budget.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "rate_headers.hpp"

namespace mltrend::hf {

namespace {

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, std::shared_ptr<RequestBudget>>& Registry() {
  static std::map<std::string, std::shared_ptr<RequestBudget>> registry;
  return registry;
}

}  // namespace

std::shared_ptr<RequestBudget> RequestBudget::Shared(const std::string& key) {
  std::lock_guard lock(RegistryMutex());
  auto& slot = Registry()[key];
  if (!slot) slot = std::make_shared<RequestBudget>();
  return slot;
}

void RequestBudget::ForgetAll() {
  std::lock_guard lock(RegistryMutex());
  Registry().clear();
}

std::string RequestBudget::Key(const std::string& origin, const std::string& token) {
  if (token.empty()) return origin + " anonymous";
  return origin + " token#" + std::to_string(std::hash<std::string>{}(token));
}

void RequestBudget::RollLocked(Clock::time_point now) {
  if (window_end_ && now < *window_end_) return;
  window_end_ = now + window_;
  used_ = 0;
}

bool RequestBudget::TryTake(long limit, Clock::time_point now, std::chrono::seconds& wait) {
  std::lock_guard lock(mutex_);
  RollLocked(now);
  if (used_ >= LimitLocked(limit)) {
    wait = std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(*window_end_ - now));
    return false;
  }
  ++used_;
  return true;
}

void RequestBudget::Observe(const Headers& headers, long limit, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (auto v = headers.Get("RateLimit-Policy")) {
    web::RateLimitPolicy policy = web::ParseRateLimitPolicy(*v);
    if (policy.quota) quota_ = policy.quota;
    if (policy.window) window_ = *policy.window;
  }
  auto v = headers.Get("RateLimit");
  if (!v) return;
  web::RateLimitInfo info = web::ParseRateLimit(*v);
  if (info.reset) window_end_ = now + *info.reset;
  else RollLocked(now);
  if (info.remaining) used_ = std::max(0L, LimitLocked(limit) - std::max(0L, *info.remaining));
}

void RequestBudget::Exhaust(std::chrono::seconds wait, long limit, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  window_end_ = now + wait;
  used_ = LimitLocked(limit);
}

RequestBudget::Figures RequestBudget::Snapshot(long limit) const {
  std::lock_guard lock(mutex_);
  Figures f;
  f.limit = LimitLocked(limit);
  f.remaining = std::max(0L, f.limit - used_);
  if (window_end_) f.reset_epoch = static_cast<long>(Clock::to_time_t(*window_end_));
  return f;
}

}  // namespace mltrend::hf
