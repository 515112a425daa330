//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_rate_limit.cpp
//===----------------------------------------------------------------------===//
#include "gh_rate_limit.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <vector>

namespace mltrend::gh {

namespace {

std::optional<long> Number(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::string_view s = *text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  long value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

bool MentionsLimit(std::string body) {
  for (char& c : body) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return body.find("rate limit") != std::string::npos || body.find("abuse") != std::string::npos;
}

struct Lanes {
  std::mutex mutex;
  std::map<size_t, std::shared_ptr<TokenLane>> by_hash;
};

Lanes& AllLanes() {
  static Lanes lanes;
  return lanes;
}

}  // namespace

RateHeaders ReadRateHeaders(const Headers& headers) {
  RateHeaders rate;
  rate.remaining = Number(headers.Get("x-ratelimit-remaining"));
  rate.reset = Number(headers.Get("x-ratelimit-reset"));
  rate.limit = Number(headers.Get("x-ratelimit-limit"));
  if (auto r = headers.Get("x-ratelimit-resource")) rate.resource = *r;
  if (auto n = Number(headers.Get("retry-after")); n && *n >= 0) rate.retry_after = std::chrono::seconds(*n);
  return rate;
}

std::chrono::seconds UntilReset(long reset_epoch, std::chrono::system_clock::time_point now) {
  const long now_epoch = static_cast<long>(std::chrono::system_clock::to_time_t(now));
  // Compared first: a hostile epoch near LONG_MIN must not overflow.
  if (reset_epoch <= now_epoch) return std::chrono::seconds(1);
  return std::chrono::seconds(std::max(1L, reset_epoch - now_epoch));
}

Status LimitedStatus(const HttpResponse& response, const RateHeaders& rate, const std::string& url,
                     std::chrono::system_clock::time_point now) {
  const std::string where = "GET " + url + " answered HTTP " + std::to_string(response.status);
  const bool spent = rate.remaining && *rate.remaining == 0;
  if (response.status == 403 && !rate.retry_after && !spent && !MentionsLimit(response.body))
    return Status::Invalid(where + " (forbidden, not a rate limit)");
  std::chrono::seconds wait = kMinimumBackoff;
  std::string why = "no wait given, backing off";
  if (rate.retry_after) {
    wait = *rate.retry_after;
    why = "Retry-After";
  } else if (spent && rate.reset) {
    wait = UntilReset(*rate.reset, now);
    why = "remaining 0 until the reset";
  } else if (spent) {
    why = "remaining 0, no reset given, backing off";
  }
  return Status::RateLimited(where + " (rate limited, " + why + ": retry in " + std::to_string(wait.count()) + "s)",
                             wait);
}

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

void TokenLane::Update(const std::string& resource, const RateHeaders& rate) {
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
  return UntilReset(it->second.reset, now);
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
