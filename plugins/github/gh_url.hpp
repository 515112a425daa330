//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_url.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>


namespace mltrend::gh {

//! The path and query of an absolute URL ("/search/repositories?q=..."):
//! the key its ETag is stored under, so a changed base_url port (tests) or
//! host alias keeps the ETags.
std::string PathOf(std::string_view url);

//! {base_url}/search/repositories?q=<q>&per_page=<n>[&sort=<sort>], values
//! percent-encoded (RFC 3986 unreserved kept), as
//! tests/tools/github_csv_to_search_pages.py writes its targets.
std::string BuildSearchUrl(std::string_view base_url, std::string_view q, int64_t per_page, std::string_view sort);

}  // namespace mltrend::gh
