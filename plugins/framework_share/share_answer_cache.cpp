//===----------------------------------------------------------------------===//
// framework_share — share_answer_cache.cpp
//===----------------------------------------------------------------------===//
#include "share_answer_cache.hpp"

namespace mltrend::share {

std::optional<mltrend::QueryResponse> AnswerCache::Find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation_.load()) return std::nullopt;
  return it->second.response;
}

void AnswerCache::Store(const std::string& key, uint64_t generation, const mltrend::QueryResponse& response) {
  std::lock_guard lock(mutex_);
  // Checked under the cache's lock, which Invalidate also takes: a change
  // that landed while this answer was rendered makes it stale already.
  if (generation != generation_.load()) return;
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) entries_.clear();
  entries_.insert_or_assign(key, Entry{generation, response});
}

void AnswerCache::Invalidate() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
}

std::string AnswerCache::Key(const mltrend::QueryRequest& request) {
  // Lengths first, so no path or value can imitate a separator.
  std::string key = std::to_string(request.path.size()) + ':' + request.path;
  for (const auto& [name, value] : request.params)
    key.append(std::to_string(name.size())).append(":").append(name)
        .append(std::to_string(value.size())).append(":").append(value);
  return key;
}

}  // namespace mltrend::share
