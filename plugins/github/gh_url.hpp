//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_url.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::gh {

//! "scheme://host:port" of an absolute http(s) URL, lower-cased, with the
//! scheme's default port made explicit: two URLs with equal origins are the
//! same server. Invalid for anything else.
Status OriginOf(std::string_view url, std::string& origin);

//! The path and query of an absolute URL ("/search/repositories?q=..."):
//! the key its ETag is stored under, so a changed base_url port (tests) or
//! host alias keeps the ETags.
std::string PathOf(std::string_view url);

//! A Link target made absolute against the page that carried it: absolute
//! URLs stay, "/path?query" takes the page's origin; anything else is Invalid.
Status ResolveLink(std::string_view page_url, std::string_view link, std::string& out);

//! {base_url}/search/repositories?q=<q>&per_page=<n>[&sort=<sort>], values
//! percent-encoded (RFC 3986 unreserved kept), as
//! tests/tools/github_csv_to_search_pages.py writes its targets.
std::string BuildSearchUrl(std::string_view base_url, std::string_view q, int64_t per_page, std::string_view sort);

}  // namespace mltrend::gh
