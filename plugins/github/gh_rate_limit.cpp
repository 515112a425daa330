//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_rate_limit.cpp
//===----------------------------------------------------------------------===//
#include "gh_rate_limit.hpp"

#include <functional>

namespace mltrend::gh {

namespace {

struct Lanes {
  std::mutex mutex;
  std::map<size_t, std::shared_ptr<TokenLane>> by_hash;
};

Lanes& AllLanes() {
  static Lanes lanes;
  return lanes;
}

}  // namespace

std::shared_ptr<TokenLane> TokenLane::For(const std::string& token) {
  Lanes& lanes = AllLanes();
  std::lock_guard lock(lanes.mutex);
  auto& lane = lanes.by_hash[std::hash<std::string>{}(token)];
  if (!lane) lane = std::make_shared<TokenLane>();
  return lane;
}

void TokenLane::ForgetBudgets() {
  Lanes& lanes = AllLanes();
  std::lock_guard lock(lanes.mutex);
  for (auto& [hash, lane] : lanes.by_hash) lane->Clear();
}

void TokenLane::Clear() {
  std::lock_guard lock(state_);
  budgets_.clear();
}

void TokenLane::Update(const std::string& resource, const web::RateHeaders& rate) {
  std::lock_guard lock(state_);
  Budget& b = budgets_[rate.resource.empty() ? resource : rate.resource];
  if (rate.remaining) b.remaining = *rate.remaining;
  if (rate.reset) b.reset = *rate.reset;
  if (rate.limit) b.limit = *rate.limit;
}

std::optional<std::chrono::seconds> TokenLane::Exhausted(const std::string& resource,
                                                         std::chrono::system_clock::time_point now) const {
  std::lock_guard lock(state_);
  auto it = budgets_.find(resource);
  if (it == budgets_.end() || it->second.remaining != 0) return std::nullopt;
  const long now_epoch = static_cast<long>(std::chrono::system_clock::to_time_t(now));
  if (it->second.reset <= now_epoch) return std::nullopt;
  return web::UntilReset(it->second.reset, now);
}

void TokenLane::Snapshot(const std::string& resource, long& remaining, long& reset, long& limit) const {
  std::lock_guard lock(state_);
  auto it = budgets_.find(resource);
  Budget b = it == budgets_.end() ? Budget{} : it->second;
  remaining = b.remaining;
  reset = b.reset;
  limit = b.limit;
}

}  // namespace mltrend::gh
