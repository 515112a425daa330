#include "hf_request.hpp"

namespace mltrend::hf {

namespace {

void AddParam(std::string& url, std::string_view name, std::string_view value) {
  url += '&';
  url += name;
  url += '=';
  url += PercentEncode(value);
}

std::string ListUrl(const Settings& settings, std::string_view sort, bool descending) {
  std::string url = settings.base_url + "/api/models?limit=" + std::to_string(settings.limit);
  if (!settings.search.empty()) AddParam(url, "search", settings.search);
  if (!settings.author.empty()) AddParam(url, "author", settings.author);
  if (!settings.filter.empty()) AddParam(url, "filter", settings.filter);
  if (!sort.empty()) AddParam(url, "sort", sort);
  if (descending) AddParam(url, "direction", "-1");
  for (const std::string& field : settings.expand) AddParam(url, "expand%5B%5D", field);
  return url;
}

}  // namespace

std::string BuildFirstPageUrl(const Settings& settings) { return ListUrl(settings, settings.sort, false); }

std::string BuildRefreshUrl(const Settings& settings, std::string_view sort_key) {
  return ListUrl(settings, sort_key, true);
}

std::string EncodePath(std::string_view path) {
  std::string out;
  while (true) {
    size_t slash = path.find('/');
    out += PercentEncode(path.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    out += '/';
    path.remove_prefix(slash + 1);
  }
}

std::string BuildCommitsUrl(const Settings& settings, std::string_view model_id) {
  return settings.base_url + "/api/models/" + EncodePath(model_id) + "/commits/main";
}

}  // namespace mltrend::hf
