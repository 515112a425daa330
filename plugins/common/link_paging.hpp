//===----------------------------------------------------------------------===//
// mltrend web-source kit — link_paging.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"
#include "mltrend/url.hpp"

namespace mltrend::web {

//! Follows `Link: <...>; rel="next"` the way every source must: the target
//! resolved against the page that carried it, only on base_url's origin (a
//! token must never go to another host), and never to a URL this run
//! already fetched (a server that links back would page forever).
class LinkPager {
 public:
  LinkPager() = default;
  explicit LinkPager(Url base) : base_(std::move(base)) {}
  //! Invalid unless `base_url` is an absolute http(s) URL (ParseUrl).
  Status Init(std::string_view base_url) { return ParseUrl(base_url, base_); }

  //! Records `url` as fetched this run; Invalid, naming it, when it already
  //! was (a paging loop that reached a request without a Link, e.g. from a
  //! stored page).
  Status Visit(const std::string& url);
  //! The next page after the one at `page_url` (which answered `headers`),
  //! absolute; nullopt on the last page. Invalid when the target cannot be
  //! resolved, points at another origin, or was already fetched this run
  //! (`page_url` counts as fetched).
  Status Next(const Headers& headers, std::string_view page_url, std::optional<std::string>& next) const;
  //! Whether `url` parses and is on base_url's origin (a stored cursor
  //! written for another base_url is not).
  bool OnOrigin(std::string_view url) const;
  const Url& Base() const { return base_; }

 private:
  Url base_;
  std::set<std::string> fetched_;
};

}  // namespace mltrend::web
