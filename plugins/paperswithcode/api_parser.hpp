//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — api_parser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! A paper of `GET /papers/` as far as records need it.
struct ApiPaper {
  std::string id;
  std::optional<std::string> arxiv_id, title, published, url_abs;
};

//! A repository of `GET /papers/{id}/repositories/`.
struct ApiRepository {
  std::string url;
  bool is_official = false;
  std::optional<std::string> framework;
  std::optional<int64_t> stars;
};

//! An element that failed validation: its position, id if read, and why.
struct ApiRejection {
  size_t index = 0;
  std::string id;
  std::string reason;
};

//! One page envelope `{count, next, previous, results}`.
template <typename T>
struct ApiPage {
  std::optional<std::string> next;
  std::vector<T> results;
  std::vector<ApiRejection> rejections;
};

//! Strict about the envelope (results an array, next a string or null) and
//! about known element fields (paper: id a non-empty string, the others
//! strings or null; repository: url a non-empty string, is_official a
//! boolean, framework a string or null, stars an integer or null); unknown
//! fields are ignored. Invalid when the body is not such an envelope; a bad
//! element is only rejected.
Status ParsePapersPage(std::string_view body, ApiPage<ApiPaper>& out);
Status ParseRepositoriesPage(std::string_view body, ApiPage<ApiRepository>& out);

}  // namespace mltrend::pwc
