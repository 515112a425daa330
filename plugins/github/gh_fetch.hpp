//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_fetch.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "gh_rate_limit.hpp"
#include "gh_search_page.hpp"
#include "link_paging.hpp"
#include "rate_headers.hpp"
#include "mltrend/source.hpp"

namespace mltrend::gh {

//! What the source keeps per request path (key "etag:" + path): the ETag to
//! send back and the paging facts a 304 does not repeat.
struct StoredPage {
  std::string etag;       //!< verbatim, weak ones (W/"...") included
  std::string next_path;  //!< path+query of Link rel="next", "" on the last page
  int64_t total = 0;      //!< total_count
};
std::string EncodeStored(const StoredPage& stored);
bool DecodeStored(const std::string& text, StoredPage& out);
std::string StateKey(const std::string& url);

//! One search page as the crawl needs it.
struct Answer {
  bool not_modified = false;  //!< 304: `page` is empty, the facts come from the stored page
  SearchPage page;
  std::string next_url;  //!< absolute and on base_url's origin; "" when last
  int64_t total = 0;
  std::optional<StoredPage> store;  //!< what to keep for this URL (a 200 with an ETag)
  bool had_stored = false;          //!< a stored page existed (erase it when `store` is empty)
  web::RateHeaders rate;
};

//! Sends search requests the way GitHub wants them: Bearer token when one is
//! set, If-None-Match from the stored page, one request in flight per token,
//! nothing sent while the search budget is known to be spent.
class Fetcher {
 public:
  Fetcher(SourceContext& ctx, std::string base_url, std::string token);
  Status Init();
  //! GETs `url`. Non-ok for transport errors, 403/429 (RateLimited),
  //! other non-2xx (web::CheckResponse), a malformed body, and a Link rel="next"
  //! to another origin or to a page this run already fetched.
  Status Search(const std::string& url, Answer& answer);
  //! One plain GET on `resource`'s budget (the contents API: "core"): no
  //! conditional request, no status handling beyond refusing to ask while
  //! the budget is known spent (RateLimited).
  Status Get(const std::string& url, const std::string& resource, HttpResponse& response);
  TokenLane& Lane() { return *lane_; }
  //! base_url's origin and the search pages this run fetched.
  web::LinkPager& Pager() { return pager_; }
  //! scheme://host[:port] of base_url, for paths the API answers with.
  const std::string& Root() const { return root_; }
  const std::string& BaseUrl() const { return base_url_; }

 private:
  Status Send(const std::string& url, const std::optional<StoredPage>& stored, HttpResponse& response);
  SourceContext& ctx_;
  std::string base_url_, root_, token_;
  web::LinkPager pager_;
  std::shared_ptr<TokenLane> lane_;
};

}  // namespace mltrend::gh
