//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_request.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "hf_config.hpp"
#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend::hf {

//! The first page of a crawl:
//!   {base_url}/api/models?limit=N[&search=..][&author=..][&filter=..][&sort=..]
//!   &expand%5B%5D=f1&expand%5B%5D=f2...
//! Brackets are percent-encoded (as Python's requests does for the official
//! client) and values are percent-encoded except RFC 3986 unreserved
//! characters. With the default settings the path and query are exactly the
//! first target tests/tools/hf_listing_to_pages.py writes.
std::string BuildFirstPageUrl(const Settings& settings);

//! The first page of a refresh phase: BuildFirstPageUrl with the configured
//! sort replaced by `&sort=<sort_key>&direction=-1` (newest first; the Hub
//! sorts descending anyway since late 2025, older mirrors need direction).
//! `sort_key` is "createdAt" or "lastModified".
std::string BuildRefreshUrl(const Settings& settings, std::string_view sort_key);

//! `path` with each '/'-separated segment percent-encoded (PercentEncode),
//! the slashes kept: model ids and repository file paths in URLs.
std::string EncodePath(std::string_view path);

//! The first page of one model's commit history, newest commit first:
//!   {base_url}/api/models/{model id}/commits/main
//! The id's '/' stays a path separator; other characters outside RFC 3986's
//! unreserved set are percent-encoded.
std::string BuildCommitsUrl(const Settings& settings, std::string_view model_id);

}  // namespace mltrend::hf
