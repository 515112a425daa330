//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_url.cpp
//===----------------------------------------------------------------------===//
#include "gh_url.hpp"

#include <cctype>

#include "mltrend/http.hpp"

namespace mltrend::gh {

Status OriginOf(std::string_view url, std::string& origin) {
  std::string lower;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Status::Invalid("'" + std::string(url) + "' is not an absolute URL");
  for (char c : url.substr(0, scheme_end)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != "http" && lower != "https")
    return Status::Invalid("'" + std::string(url) + "' is not an http:// or https:// URL");
  const std::string scheme = lower;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos)
    return Status::Invalid("'" + std::string(url) + "' carries credentials; use the GITHUB_TOKEN secret");
  std::string host, port;
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    for (char c : port)
      if (c < '0' || c > '9') return Status::Invalid("'" + std::string(url) + "' has a malformed port");
  } else {
    host = authority;
  }
  if (host.empty()) return Status::Invalid("'" + std::string(url) + "' has no host");
  if (port.empty()) port = scheme == "https" ? "443" : "80";
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  origin = scheme + "://" + host + ":" + port;
  return Status::Ok();
}

std::string PathOf(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  size_t path = url.find_first_of("/?", scheme_end + 3);
  if (path == std::string_view::npos) return "/";
  std::string out(url.substr(path));
  if (out[0] == '?') out.insert(out.begin(), '/');
  return out;
}

Status ResolveLink(std::string_view page_url, std::string_view link, std::string& out) {
  if (link.find("://") != std::string_view::npos) {
    out = link;
    return Status::Ok();
  }
  if (!link.empty() && link[0] == '/' && (link.size() < 2 || link[1] != '/')) {
    size_t scheme_end = page_url.find("://");
    size_t path = page_url.find_first_of("/?", scheme_end + 3);
    out = std::string(page_url.substr(0, path)) + std::string(link);
    return Status::Ok();
  }
  return Status::Invalid("Link target '" + std::string(link) + "' is neither absolute nor a path");
}

std::string BuildSearchUrl(std::string_view base_url, std::string_view q, int64_t per_page, std::string_view sort) {
  std::string url = std::string(base_url) + "/search/repositories?q=" + PercentEncode(q) +
                    "&per_page=" + std::to_string(per_page);
  if (!sort.empty()) url += "&sort=" + PercentEncode(sort);
  return url;
}

}  // namespace mltrend::gh
