//===----------------------------------------------------------------------===//
// mltrend web-source kit — link_paging.cpp
//===----------------------------------------------------------------------===//
#include "link_paging.hpp"

namespace mltrend::web {

Status LinkPager::Visit(const std::string& url) {
  if (!fetched_.insert(url).second)
    return Status::Invalid("Link rel=\"next\" names a URL this run already fetched (a paging loop): " + url);
  return Status::Ok();
}

Status LinkPager::Next(const Headers& headers, std::string_view page_url, std::optional<std::string>& next) const {
  next.reset();
  auto link = headers.Get("Link");
  if (!link) return Status::Ok();
  auto target = LinkNext(*link);
  if (!target) return Status::Ok();
  const std::string of = "Link rel=\"next\" of " + std::string(page_url);
  Url page, at;
  std::string resolved;
  if (Status s = ParseUrl(page_url, page); !s.ok()) return Status::Invalid(of + " is unusable: " + s.message());
  if (Status s = ResolveUrl(page, *target, resolved); !s.ok()) return Status::Invalid(of + " is unusable: " + s.message());
  if (Status s = ParseUrl(resolved, at); !s.ok()) return Status::Invalid(of + " is unusable: " + s.message());
  if (!at.SameOrigin(base_))
    return Status::Invalid(of + " points at " + at.Origin() + ", not at base_url's " + base_.Origin() +
                           "; refusing to follow it");
  if (resolved == page_url || fetched_.count(resolved))
    return Status::Invalid(of + " names a URL this run already fetched (a paging loop): " + resolved);
  next = std::move(resolved);
  return Status::Ok();
}

bool LinkPager::OnOrigin(std::string_view url) const {
  Url at;
  return ParseUrl(url, at).ok() && at.SameOrigin(base_);
}

}  // namespace mltrend::web
