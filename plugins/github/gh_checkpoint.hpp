//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_checkpoint.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrend::gh {

//! A created: date range of one query, in days since 1970-01-01; `whole`
//! means no created: qualifier at all (the query as configured).
struct Slice {
  bool whole = true;
  int64_t from = 0, to = 0;
  bool operator==(const Slice&) const = default;
  //! "" for whole, else " created:YYYY-MM-DD..YYYY-MM-DD" (appended to the query).
  std::string Qualifier() const;
  std::string ToString() const;  //!< "*" or "YYYY-MM-DD..YYYY-MM-DD"
};

//! Where a crawl is: the query at hand, its slices still to crawl (a stack:
//! back() is the slice being crawled, splitting replaces it with its two
//! halves, earlier half on top), and the page of back() to fetch next.
struct Position {
  size_t query = 0;
  std::string query_text;  //!< queries[query] when written: a changed list restarts
  int64_t until = 0;       //!< created_until of this crawl, fixed at its start
  std::vector<Slice> pending{Slice{}};
  int64_t page = 1;
  std::string next_url;  //!< "" = the first page of pending.back()
  bool operator==(const Position&) const = default;
};

//! A line-based text ("gh1" first), stable across versions of this plugin.
std::string EncodeCheckpoint(const Position& position);
//! Invalid (and `out` untouched) when `text` is not what EncodeCheckpoint wrote.
Status DecodeCheckpoint(const std::string& text, Position& out);
//! The checkpoint in words for /v1/sources.
std::string Describe(const Position& position, size_t query_count);

}  // namespace mltrend::gh
