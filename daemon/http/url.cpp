//===----------------------------------------------------------------------===//
// mltrendd — http/url.cpp
//===----------------------------------------------------------------------===//
#include <cctype>
#include <string>
#include <string_view>

#include "mltrendd/http/http_client.hpp"

namespace mltrendd {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && mltrend::Headers::EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

const char* DefaultPort(const std::string& scheme) { return scheme == "https" ? "443" : "80"; }

// Spaces and control characters never belong in a URL on the wire; letting
// one through would let a crafted Location split the request line.
bool HasForbiddenChar(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return true;
  }
  return false;
}

bool ValidPort(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value >= 1 && value <= 65535;
}

}  // namespace

std::string Url::Origin() const {
  std::string out = scheme + "://";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != DefaultPort(scheme)) out += ":" + port;
  return out;
}

std::string Url::ToString() const { return Origin() + target; }

mltrend::Status ParseUrl(std::string_view text, Url& out) {
  auto invalid = [&](const std::string& why) {
    return mltrend::Status::Invalid("URL '" + std::string(text) + "' " + why);
  };
  if (HasForbiddenChar(text)) return invalid("contains a space or control character");
  Url url;
  if (StartsWithIgnoreCase(text, "http://")) {
    url.scheme = "http";
  } else if (StartsWithIgnoreCase(text, "https://")) {
    url.scheme = "https";
  } else {
    return invalid("does not start with http:// or https://");
  }
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
  url.host = Lower(host);
  url.port = port.empty() ? DefaultPort(url.scheme) : std::string(port);

  tail = tail.substr(0, tail.find('#'));
  if (tail.empty()) {
    url.target = "/";
  } else if (tail.front() == '?') {
    url.target = "/" + std::string(tail);
  } else {
    url.target = std::string(tail);
  }
  out = std::move(url);
  return mltrend::Status::Ok();
}

mltrend::Status ResolveLocation(const Url& base, std::string_view location, std::string& out) {
  if (location.empty()) return mltrend::Status::Invalid("redirect has an empty Location");
  if (StartsWithIgnoreCase(location, "http://") || StartsWithIgnoreCase(location, "https://")) {
    out = std::string(location);
    return mltrend::Status::Ok();
  }
  if (location.size() >= 2 && location.substr(0, 2) == "//") {
    out = base.scheme + ":" + std::string(location);
    return mltrend::Status::Ok();
  }
  // A scheme is letters, digits, '+', '-' or '.' before the first ':' (RFC 3986);
  // "ftp:" or "mailto:" cannot be fetched, while "a/b:c" is a relative path.
  size_t colon = location.find(':');
  size_t slash = location.find_first_of("/?#");
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    return mltrend::Status::Invalid("redirect Location '" + std::string(location) + "' uses an unsupported scheme");
  }
  if (location.front() == '/') {
    out = base.Origin() + std::string(location);
    return mltrend::Status::Ok();
  }
  std::string_view base_path = std::string_view(base.target).substr(0, base.target.find('?'));
  if (location.front() == '?') {
    out = base.Origin() + std::string(base_path) + std::string(location);
    return mltrend::Status::Ok();
  }
  std::string_view directory = base_path.substr(0, base_path.rfind('/') + 1);
  out = base.Origin() + std::string(directory) + std::string(location);
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
