//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_url.cpp
//===----------------------------------------------------------------------===//
#include "gh_url.hpp"

#include "mltrend/http.hpp"

namespace mltrend::gh {

std::string PathOf(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  size_t path = url.find_first_of("/?", scheme_end + 3);
  if (path == std::string_view::npos) return "/";
  std::string out(url.substr(path));
  if (out[0] == '?') out.insert(out.begin(), '/');
  return out;
}

std::string BuildSearchUrl(std::string_view base_url, std::string_view q, int64_t per_page, std::string_view sort) {
  std::string url = std::string(base_url) + "/search/repositories?q=" + PercentEncode(q) +
                    "&per_page=" + std::to_string(per_page);
  if (!sort.empty()) url += "&sort=" + PercentEncode(sort);
  return url;
}

}  // namespace mltrend::gh
