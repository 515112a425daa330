//===----------------------------------------------------------------------===//
// mltrend SDK — url.hpp
//===----------------------------------------------------------------------===//
// Absolute http(s) URLs, their origins, and references resolved against them:
// the one URL parser of the daemon's HTTP client (redirects) and of every
// source (base_url checks, Link rel="next" paging). Header-only like the rest
// of the SDK, so a third-party source pages by the same rules.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend {

//! A parsed absolute URL.
struct Url {
  std::string scheme;  //!< "http" or "https"
  std::string host;    //!< lower-cased; an IPv6 literal without its brackets
  std::string port;    //!< explicit or the scheme's default
  std::string target;  //!< path and query, at least "/"

  //! `scheme://host[:port]`, the port left out when it is the scheme's default.
  std::string Origin() const {
    std::string out = scheme + "://";
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (scheme == "https" ? "443" : "80")) out += ":" + port;
    return out;
  }
  //! Origin() + target: the URL as the client sends and reports it.
  std::string ToString() const { return Origin() + target; }
  //! Same scheme, host and port: the same server (RFC 6454).
  bool SameOrigin(const Url& other) const {
    return scheme == other.scheme && host == other.host && port == other.port;
  }
};

namespace url_detail {

inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Headers::EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// Spaces and control characters never belong in a URL on the wire; letting
// one through would let a crafted Location or Link split the request line.
inline bool HasForbiddenChar(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return true;
  }
  return false;
}

inline bool ValidPort(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value >= 1 && value <= 65535;
}

}  // namespace url_detail

//! Parses `http://host[:port]/path?query`; Invalid for anything else. A
//! fragment is dropped; user info (`user:pass@`) is refused so credentials
//! never travel in a URL that ends up in an error message.
inline Status ParseUrl(std::string_view text, Url& out) {
  using namespace url_detail;
  auto invalid = [&](const std::string& why) { return Status::Invalid("URL '" + std::string(text) + "' " + why); };
  if (HasForbiddenChar(text)) return invalid("contains a space or control character");
  Url url;
  if (StartsWithIgnoreCase(text, "http://")) url.scheme = "http";
  else if (StartsWithIgnoreCase(text, "https://")) url.scheme = "https";
  else return invalid("does not start with http:// or https://");
  std::string_view rest = text.substr(url.scheme.size() + 3);
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return invalid("carries user info, which is not supported");

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid("has an unclosed '[' in its host");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return invalid("has text after its IPv6 host");
      port = after.substr(1);
      if (!ValidPort(port)) return invalid("has an invalid port '" + std::string(port) + "'");
    }
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (!ValidPort(port)) return invalid("has an invalid port '" + std::string(port) + "'");
  }
  if (host.empty()) return invalid("has no host");
  url.host = std::string(host);
  for (char& c : url.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  url.port = port.empty() ? (url.scheme == "https" ? "443" : "80") : std::string(port);

  tail = tail.substr(0, tail.find('#'));
  if (tail.empty()) url.target = "/";
  else if (tail.front() == '?') url.target = "/" + std::string(tail);
  else url.target = std::string(tail);
  out = std::move(url);
  return Status::Ok();
}

//! The absolute URL a reference (a `Location` or `Link` target) points at,
//! seen from `base` (RFC 3986 section 5.2, without dot-segment removal): an
//! absolute URL as is, `//host/p` with base's scheme, `/p` on base's origin,
//! `?q` or `p` relative to base's path. Invalid for other schemes or an
//! empty reference.
inline Status ResolveUrl(const Url& base, std::string_view ref, std::string& out) {
  using url_detail::StartsWithIgnoreCase;
  if (ref.empty()) return Status::Invalid("an empty URL reference");
  if (StartsWithIgnoreCase(ref, "http://") || StartsWithIgnoreCase(ref, "https://")) {
    out = std::string(ref);
    return Status::Ok();
  }
  if (ref.size() >= 2 && ref.substr(0, 2) == "//") {
    out = base.scheme + ":" + std::string(ref);
    return Status::Ok();
  }
  // A scheme is letters, digits, '+', '-' or '.' before the first ':' (RFC 3986);
  // "ftp:" or "mailto:" cannot be fetched, while "a/b:c" is a relative path.
  size_t colon = ref.find(':');
  size_t slash = ref.find_first_of("/?#");
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash))
    return Status::Invalid("URL reference '" + std::string(ref) + "' uses an unsupported scheme");
  if (ref.front() == '/') {
    out = base.Origin() + std::string(ref);
    return Status::Ok();
  }
  std::string_view base_path = std::string_view(base.target).substr(0, base.target.find('?'));
  if (ref.front() == '?') {
    out = base.Origin() + std::string(base_path) + std::string(ref);
    return Status::Ok();
  }
  std::string_view directory = base_path.substr(0, base_path.rfind('/') + 1);
  out = base.Origin() + std::string(directory) + std::string(ref);
  return Status::Ok();
}

}  // namespace mltrend
