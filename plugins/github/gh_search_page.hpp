//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_search_page.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend::gh {

//! A repository left out of a page, and why (logged with its id).
struct Rejection {
  size_t index = 0;  //!< position in `items`, from 0
  std::string id;    //!< the id as far as it could be read, "" when none
  std::string reason;
};

//! One `GET /search/repositories` answer.
struct SearchPage {
  int64_t total_count = 0;
  //! The search timed out and `items` may lack matches: a retryable partial
  //! result, never the end of a slice.
  bool incomplete = false;
  std::vector<Record> records;
  std::vector<Rejection> rejections;
};

//! Parses `{total_count, incomplete_results, items:[...]}` (simdjson
//! On-Demand). Unknown fields anywhere are ignored. Invalid when the body is
//! not such an object (bad JSON, total_count not an integer, items not an
//! array): nothing of it is usable. A repository is rejected, the rest kept,
//! when `id` is missing or not a non-negative integer, `full_name` is
//! missing or not a string, `topics` is present but not an array of strings,
//! or a known field has the wrong type. Mapping: id = decimal `id`, name =
//! `full_name`, date = `created_at`, topics, metrics stars/forks/watchers
//! from stargazers_count/forks_count/watchers_count, attrs full_name,
//! language, created_at, pushed_at, fork, archived, html_url.
Status ParseSearchPage(std::string_view body, SearchPage& out);

}  // namespace mltrend::gh
