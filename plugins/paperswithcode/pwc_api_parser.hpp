//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_api_parser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! A repository of `GET /papers/{id}/repositories/`, or one element of a
//! paper's inline `repositories` (the relaunched site's
//! `include_resources=true`).
struct ApiRepository {
  std::string url;
  bool is_official = false;
  //! As the API gives it: a string kept verbatim ("none" too); an object's
  //! `name` (else `slug`); a number or boolean as its JSON text. Unknown
  //! values are evidence, never dropped.
  std::optional<std::string> framework;
  std::optional<int64_t> stars;
};

//! An element that failed validation: its position, id if read, and why.
struct ApiRejection {
  size_t index = 0;
  std::string id;
  std::string reason;
};

//! A paper of `GET /papers/` as far as records need it.
struct ApiPaper {
  std::string id;
  std::optional<std::string> arxiv_id, title, published, url_abs;
  //! Inline repositories, when the answer carries them; nullopt when the
  //! paper has no `repositories` field (then one request per paper asks).
  std::optional<std::vector<ApiRepository>> repositories;
  std::vector<ApiRejection> repository_rejections;  //!< bad inline elements
};

//! One page envelope `{count, next, previous, results}`.
template <typename T>
struct ApiPage {
  std::optional<int64_t> count;  //!< `count` (or `total`) when given
  std::optional<std::string> next;
  bool has_next = false;  //!< the envelope has a `next` field (null: the last page)
  std::vector<T> results;
  std::vector<ApiRejection> rejections;
};

//! Strict about the envelope (results an array, next a string or null) and
//! about known element fields (paper: id a non-empty string, the others
//! strings or null, repositories an array or null; repository: url a
//! non-empty string, is_official a boolean, stars an integer or null,
//! framework anything (see ApiRepository)); unknown
//! fields are ignored. Invalid when the body is not such an envelope; a bad
//! element is only rejected.
Status ParsePapersPage(std::string_view body, ApiPage<ApiPaper>& out);
Status ParseRepositoriesPage(std::string_view body, ApiPage<ApiRepository>& out);

}  // namespace mltrend::pwc
