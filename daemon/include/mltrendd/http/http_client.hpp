//===----------------------------------------------------------------------===//
// mltrendd — http/http_client.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "mltrend/cancel.hpp"
#include "mltrend/http.hpp"

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
class BeastHttpClient final : public mltrend::HttpClient {
 public:
  BeastHttpClient(HttpClientOptions options, const mltrend::CancelToken* cancel);
  ~BeastHttpClient() override;
  mltrend::Status Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! A parsed absolute URL.
struct Url {
  std::string scheme;  //!< "http" or "https"
  std::string host;
  std::string port;    //!< explicit or the scheme's default
  std::string target;  //!< path and query, at least "/"
};
//! Parses `http://host[:port]/path?query`; Invalid for anything else.
mltrend::Status ParseUrl(std::string_view text, Url& out);

}  // namespace mltrendd
