//===----------------------------------------------------------------------===//
// mltrendd — http/http_client.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "mltrend/cancel.hpp"
#include "mltrend/http.hpp"
#include "mltrend/url.hpp"

namespace mltrendd {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  //! Longest silence allowed while reading a response (a server that
  //! dribbles one byte a second still trips `total_timeout`).
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds total_timeout{120'000};
  int max_redirects = 5;
  size_t max_body_bytes = 256u << 20;
  //! Extra CA bundle trusted besides the system store (tests: the test CA).
  std::filesystem::path ca_file;
  bool verify_peer = true;
  std::string user_agent;  //!< default "mltrend/<version>"
};

//! The SDK's HttpClient on Boost.Beast + OpenSSL: HTTP/1.1, one connection
//! per request, TLS verified with SNI and host-name checks, gzip bodies
//! decoded, redirects followed (same or other host) up to max_redirects,
//! `cancel` checked while waiting so a stopping daemon is never stuck on a
//! slow server.
//!
//! Details a caller may rely on:
//! - 301/302/303/307/308 with a Location are followed (absolute or
//!   relative); 303, and 301/302 after a POST, become a body-less GET.
//!   Authorization, Proxy-Authorization and Cookie are dropped when a
//!   redirect leaves the origin (scheme, host, port).
//! - Redirect number max_redirects + 1 fails with an error naming the limit;
//!   the total_timeout covers the whole chain.
//! - Response headers keep their received spelling and order; when the body
//!   was gzip, Content-Encoding and Content-Length still describe the wire.
//! - Errors start with "METHOD URL" and never contain request header values.
//! - A Location holding a registered secret (secrets/secrets.hpp) is not
//!   followed: Invalid, with the secret redacted. A non-2xx body comes back
//!   with registered secrets redacted (a source quotes it in its errors).
//! - Send may be called from several threads at once (each call has its own
//!   connection and io_context).
class BeastHttpClient final : public mltrend::HttpClient {
 public:
  //! `cancel` may be null (never cancelled); it must outlive the client.
  //! A ca_file that cannot be loaded fails every https request, naming it.
  BeastHttpClient(HttpClientOptions options, const mltrend::CancelToken* cancel);
  ~BeastHttpClient() override;
  mltrend::Status Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// URLs are parsed and redirects resolved by the SDK's one URL parser
// (mltrend/url.hpp), which the sources page with too.
using mltrend::ParseUrl;
using mltrend::ResolveUrl;
using mltrend::Url;

}  // namespace mltrendd
