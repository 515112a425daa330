//===----------------------------------------------------------------------===//
// framework_share — share_answer_cache.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "mltrend/sink.hpp"

namespace mltrend::share {

//! Rendered answers of the queries that read only the sink's aggregates
//! (`/v1/trends`, `/v1/coverage`), so a dashboard polling the same URL
//! costs a hash lookup instead of a walk over every cell (rendering was
//! nearly all of a `/v1/trends` request's CPU).
//!
//! Correctness rests on a generation: the sink calls Invalidate under its
//! state lock each time the aggregates change, and an answer is stored with
//! the generation it was rendered at and served only while that generation
//! is current. So an answer rendered before a change and stored after it is
//! never served, and no answer outlives the state it was computed from.
//! Thread-safe; lookups never wait for a fold.
class AnswerCache {
 public:
  //! At most this many answers are kept; storing one more forgets them all
  //! (a polled dashboard refills it in one round).
  static constexpr size_t kMaxEntries = 256;

  //! The generation to render an answer at: read it under the sink's state
  //! lock, before rendering.
  uint64_t Generation() const { return generation_.load(); }
  //! The answer for `key` if one rendered at the current generation is kept.
  std::optional<mltrend::QueryResponse> Find(const std::string& key) const;
  //! Keeps `response` for `key` if `generation` is still current.
  void Store(const std::string& key, uint64_t generation, const mltrend::QueryResponse& response);
  //! The aggregates changed: nothing kept is served again. O(entries).
  void Invalidate();

  //! The cache key of a request: its path and parameters, unambiguous.
  static std::string Key(const mltrend::QueryRequest& request);

 private:
  struct Entry {
    uint64_t generation;
    mltrend::QueryResponse response;
  };
  mutable std::mutex mutex_;
  std::atomic<uint64_t> generation_{0};
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace mltrend::share
