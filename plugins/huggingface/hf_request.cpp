#include "hf_request.hpp"

#include <cctype>

namespace mltrend::hf {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddParam(std::string& url, std::string_view name, std::string_view value) {
  url += '&';
  url += name;
  url += '=';
  url += PercentEncode(value);
}

//! Where the path begins in an absolute URL (npos: there is none).
size_t PathStart(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string_view::npos;
  return url.find_first_of("/?#", scheme_end + 3);
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

std::string Origin::ToString() const { return scheme + "://" + host + ":" + port; }

Status ParseOrigin(std::string_view url, Origin& out) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    return Status::Invalid("URL '" + std::string(url) + "' is not absolute (no scheme://)");
  out.scheme = Lower(url.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https")
    return Status::Invalid("URL '" + std::string(url) + "' has scheme '" + out.scheme + "', expected http or https");
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::Invalid("URL '" + std::string(url) + "' has an unclosed '['");
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') port = rest.substr(1);
    else if (!rest.empty()) return Status::Invalid("URL '" + std::string(url) + "' has junk after its IPv6 host");
  } else if (size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Status::Invalid("URL '" + std::string(url) + "' has no host");
  for (char c : port)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Status::Invalid("URL '" + std::string(url) + "' has a non-numeric port");
  out.host = Lower(host);
  out.port = port.empty() ? (out.scheme == "https" ? "443" : "80") : std::string(port);
  return Status::Ok();
}

Status ResolveLink(std::string_view current_url, std::string_view link, std::string& out) {
  if (link.find("://") != std::string_view::npos) {
    out = std::string(link);
    return Status::Ok();
  }
  size_t scheme_end = current_url.find("://");
  size_t path_start = PathStart(current_url);
  if (scheme_end == std::string_view::npos)
    return Status::Invalid("cannot resolve Link '" + std::string(link) + "' against a relative URL");
  if (link.starts_with("//")) {
    out = std::string(current_url.substr(0, scheme_end + 1)) + std::string(link);
  } else if (link.starts_with("/")) {
    out = std::string(current_url.substr(0, path_start)) + std::string(link);
  } else if (link.starts_with("?")) {
    size_t query = current_url.find_first_of("?#", path_start == std::string_view::npos ? 0 : path_start);
    out = std::string(current_url.substr(0, query)) + std::string(link);
  } else {
    return Status::Invalid("Link target '" + std::string(link) + "' is a relative form the source does not follow");
  }
  return Status::Ok();
}

}  // namespace mltrend::hf
