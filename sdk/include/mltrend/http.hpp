//===----------------------------------------------------------------------===//
// mltrend SDK — http.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrend {

//! Response or request headers in arrival order; names compare
//! case-insensitively (GitHub sends `ETag` in one response, `etag` in another).
class Headers {
 public:
  void Add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  //! The first value of `name`, if present.
  std::optional<std::string> Get(std::string_view name) const {
    for (const auto& [k, v] : items_)
      if (EqualsIgnoreCase(k, name)) return v;
    return std::nullopt;
  }
  const std::vector<std::pair<std::string, std::string>>& Items() const { return items_; }

  static bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct HttpRequest {
  std::string method = "GET";
  //! Absolute URL, `http://` or `https://`.
  std::string url;
  //! Extra headers (Authorization, If-None-Match, Accept). The client adds
  //! Host, User-Agent and Accept-Encoding itself.
  Headers headers;
  std::string body;
  //! When set, a 2xx answer's body goes to this callback chunk by chunk as
  //! it arrives (decompressed when the server sent gzip) instead of into
  //! HttpResponse::body, and no body-size bound applies: for dumps of any
  //! size in flat memory. A non-ok return aborts the exchange with that
  //! Status. Other statuses still fill HttpResponse::body (bounded). Only
  //! the read timeout (silence) bounds a streamed body, not the total one.
  std::function<Status(std::string_view chunk)> on_body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  //! The body, already decompressed when the server sent gzip.
  std::string body;
  //! The URL that answered, after any redirects.
  std::string url;
};

//! The HTTP(S) client the daemon hands to every source. Blocking: call it
//! from the source's own Run thread. TLS peers are verified against the
//! system CA store (plus the configured CA file) with host-name checking;
//! connect and read timeouts apply; redirects are followed up to a bound;
//! the source's cancellation token aborts a request in flight.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  //! Performs one exchange. Any HTTP status is a successful exchange (the
  //! caller decides what 429 or 503 means); a non-ok Status means no
  //! response arrived: refused, timed out, TLS failure, cancelled, too big.
  virtual Status Send(const HttpRequest& request, HttpResponse& response) = 0;
};

//! Percent-encodes `s` for a URL query value or path segment: everything but
//! RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX.
inline std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

//! The target of the `rel="next"` entry of an RFC 8288 `Link` header, if any.
//! `<https://h/api/models?cursor=abc>; rel="next", <...>; rel="last"`.
inline std::optional<std::string> LinkNext(std::string_view link_header) {
  size_t pos = 0;
  while (pos < link_header.size()) {
    size_t open = link_header.find('<', pos);
    if (open == std::string_view::npos) return std::nullopt;
    size_t close = link_header.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    size_t end = link_header.find(",", close);
    // A comma may also appear inside a later <...>; entries end at ", <".
    size_t next_entry = link_header.find('<', close);
    size_t params_end = next_entry == std::string_view::npos ? link_header.size() : next_entry;
    if (end == std::string_view::npos || end > params_end) end = params_end;
    std::string_view params = link_header.substr(close + 1, params_end - close - 1);
    for (size_t p = params.find("rel"); p != std::string_view::npos; p = params.find("rel", p + 3)) {
      std::string_view rest = params.substr(p + 3);
      size_t i = 0;
      while (i < rest.size() && (rest[i] == ' ' || rest[i] == '=' || rest[i] == '"')) ++i;
      std::string_view word = rest.substr(i);
      size_t stop = word.find_first_of("\"; ,");
      word = word.substr(0, stop);
      if (word == "next") return std::string(link_header.substr(open + 1, close - open - 1));
    }
    pos = params_end;
  }
  return std::nullopt;
}

}  // namespace mltrend
