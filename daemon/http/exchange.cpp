//===----------------------------------------------------------------------===//
// mltrendd — http/exchange.cpp
//===----------------------------------------------------------------------===//
#include "exchange.hpp"

#include "chunk_body.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>

namespace mltrendd::http_detail {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;
using tcp = asio::ip::tcp;

// How often a wait wakes up to look at the cancel token: the longest a
// cancelled request can keep the caller waiting.
constexpr std::chrono::milliseconds kSlice{20};
// Hub and GitHub send long Link, CSP and rate-limit headers; Beast's 8 KiB
// default is too tight for them.
constexpr uint32_t kHeaderLimit = 64 * 1024;
constexpr size_t kReadChunk = 64 * 1024;

std::string Ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

bool IsEndOfStream(const error_code& ec) {
  // A peer that closes without TLS close_notify ends the stream the same way a
  // plain EOF does; the HTTP framing (Content-Length, chunks) still tells
  // whether the response was complete.
  return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
}

//! One connection and the io_context it runs on, with every wait bounded by
//! the limits and the cancel token.
class Connection {
 public:
  Connection(const ExchangeLimits& limits, const std::string& what)
      : limits_(limits), what_(what), socket_(ioc_) {}

  tcp::socket& socket() { return socket_; }

  mltrend::Status Connect(const Url& url) {
    // Resolution is synchronous: getaddrinfo cannot be interrupted anyway, and
    // for the hosts we talk to it answers from the local resolver cache.
    error_code ec;
    tcp::resolver resolver(ioc_);
    auto endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) return mltrend::Status::IoError(what_ + " failed: cannot resolve host " + url.host + ": " + ec.message());
    bool done = false;
    asio::async_connect(socket_, endpoints, [&](const error_code& e, const tcp::endpoint&) {
      ec = e;
      done = true;
    });
    if (auto s = Await(done, Step::kConnect); !s.ok()) return s;
    if (ec) {
      return mltrend::Status::IoError(what_ + " failed: cannot connect to " + url.host + ":" + url.port + ": " +
                                      ec.message());
    }
    return mltrend::Status::Ok();
  }

  mltrend::Status Handshake(asio::ssl::stream<tcp::socket&>& stream, const Url& url) {
    SSL* ssl = stream.native_handle();
    error_code ec;
    asio::ip::make_address(url.host, ec);
    bool is_address = !ec;
    // SNI carries names only (RFC 6066); an IP literal is checked against the
    // certificate's IP SANs instead.
    if (!is_address && SSL_set_tlsext_host_name(ssl, url.host.c_str()) != 1) {
      return mltrend::Status::Internal(what_ + " failed: cannot set the TLS server name " + url.host);
    }
    if (limits_.verify_peer) {
      int set = is_address ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str())
                           : SSL_set1_host(ssl, url.host.c_str());
      if (set != 1) return mltrend::Status::Internal(what_ + " failed: cannot set the expected TLS peer " + url.host);
    }
    bool done = false;
    stream.async_handshake(asio::ssl::stream_base::client, [&](const error_code& e) {
      ec = e;
      done = true;
    });
    if (auto s = Await(done, Step::kHandshake); !s.ok()) return s;
    if (!ec) return mltrend::Status::Ok();
    long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      return mltrend::Status::IoError(what_ + " failed: TLS certificate of " + url.host + " rejected: " +
                                      X509_verify_cert_error_string(verify));
    }
    return mltrend::Status::IoError(what_ + " failed: TLS handshake with " + url.host + ":" + url.port +
                                    " failed: " + ec.message());
  }

  template <class Stream>
  mltrend::Status Write(Stream& stream, const BeastRequest& request) {
    bool done = false;
    error_code ec;
    beast_http::async_write(stream, request, [&](const error_code& e, size_t) {
      ec = e;
      done = true;
    });
    if (auto s = Await(done, Step::kTransfer); !s.ok()) return s;
    if (ec) return mltrend::Status::IoError(what_ + " failed while sending the request: " + ec.message());
    return mltrend::Status::Ok();
  }

  //! Reads one response into `parser` (its body limit set by the caller).
  template <class Stream, class Body>
  mltrend::Status Read(Stream& stream, bool head_request, beast_http::response_parser<Body>& parser) {
    parser.header_limit(kHeaderLimit);
    // Not eager: Beast 1.74 drops the body_limit error raised at the end of
    // the header when an eager parse runs on into the body, so each put()
    // here parses one step and reports its own error.
    if (head_request) parser.skip(true);
    boost::beast::flat_buffer buffer;
    size_t received = 0;
    // Bytes are parsed as they arrive (rather than with beast's async_read) so
    // every arrival restarts the read_timeout: silence is what it bounds.
    while (!parser.is_done()) {
      if (buffer.size() > 0) {
        error_code pe;
        size_t used = parser.put(buffer.data(), pe);
        buffer.consume(used);
        if (pe && pe != beast_http::error::need_more) return ParseError(pe);
        if (!pe && used > 0) continue;
      }
      bool done = false;
      error_code ec;
      size_t n = 0;
      stream.async_read_some(buffer.prepare(kReadChunk), [&](const error_code& e, size_t k) {
        ec = e;
        n = k;
        done = true;
      });
      if (auto s = Await(done, Step::kTransfer); !s.ok()) return s;
      buffer.commit(n);
      received += n;
      if (!ec) continue;
      if (!IsEndOfStream(ec)) {
        return mltrend::Status::IoError(what_ + " failed while reading the response: " + ec.message());
      }
      if (auto s = FinishAtEof(parser, buffer, received); !s.ok()) return s;
      break;
    }
    return mltrend::Status::Ok();
  }

 private:
  enum class Step { kConnect, kHandshake, kTransfer };

  // The peer closed: parse what came with the close, then let the parser say
  // whether the message was complete (a body delimited by the close is).
  template <class Body>
  mltrend::Status FinishAtEof(beast_http::response_parser<Body>& parser,
                              boost::beast::flat_buffer& buffer, size_t received) {
    while (buffer.size() > 0 && !parser.is_done()) {
      error_code pe;
      size_t used = parser.put(buffer.data(), pe);
      buffer.consume(used);
      if (pe == beast_http::error::need_more || used == 0) break;
      if (pe) return ParseError(pe);
    }
    if (parser.is_done()) return mltrend::Status::Ok();
    error_code pe;
    parser.put_eof(pe);
    if (!pe) return mltrend::Status::Ok();
    if (pe == beast_http::error::partial_message) {
      return mltrend::Status::IoError(what_ + " failed: the connection closed after " + std::to_string(received) +
                                      " bytes, before the response was complete (truncated)");
    }
    return ParseError(pe);
  }

  mltrend::Status ParseError(const error_code& ec) const {
    if (ec == beast_http::error::body_limit) {
      return mltrend::Status::IoError(what_ + " failed: the response body exceeds max_body_bytes (" +
                                      std::to_string(limits_.max_body_bytes) + " bytes)");
    }
    if (ec == beast_http::error::header_limit) {
      return mltrend::Status::IoError(what_ + " failed: the response header exceeds " + std::to_string(kHeaderLimit) +
                                      " bytes");
    }
    return mltrend::Status::IoError(what_ + " failed: malformed HTTP response: " + ec.message());
  }

  // Runs the io_context until `done`, a deadline passes or the token is set.
  // On the last two the socket is closed and the aborted handler drained, so
  // nothing refers to the caller's locals once this returns.
  mltrend::Status Await(const bool& done, Step step) {
    auto step_timeout = step == Step::kTransfer ? limits_.read_timeout : limits_.connect_timeout;
    auto step_deadline = Clock::now() + step_timeout;
    bool total_first = limits_.total_deadline <= step_deadline;
    auto deadline = total_first ? limits_.total_deadline : step_deadline;
    while (!done) {
      if (limits_.cancel && limits_.cancel->Cancelled()) {
        Abort();
        return mltrend::Status::Cancelled(what_ + " was cancelled");
      }
      auto now = Clock::now();
      if (now >= deadline) {
        Abort();
        return mltrend::Status::IoError(what_ + " timed out: " + TimeoutDetail(step, total_first));
      }
      if (ioc_.stopped()) ioc_.restart();
      ioc_.run_for(std::min<Clock::duration>(deadline - now, kSlice));
    }
    return mltrend::Status::Ok();
  }

  std::string TimeoutDetail(Step step, bool total) const {
    if (total) return "no complete response within total_timeout (" + Ms(limits_.total_timeout) + ")";
    switch (step) {
      case Step::kConnect:
        return "no connection within connect_timeout (" + Ms(limits_.connect_timeout) + ")";
      case Step::kHandshake:
        return "no TLS handshake within connect_timeout (" + Ms(limits_.connect_timeout) + ")";
      case Step::kTransfer:
        break;
    }
    return "no data for read_timeout (" + Ms(limits_.read_timeout) + ")";
  }

  void Abort() {
    error_code ignored;
    socket_.close(ignored);
    ioc_.restart();
    ioc_.run();
  }

  const ExchangeLimits& limits_;
  const std::string& what_;
  asio::io_context ioc_{1};
  tcp::socket socket_;
};

}  // namespace

namespace {

//! Connects, sends `request` and reads the answer into `parser`.
template <class Body>
mltrend::Status Exchange(const Url& url, asio::ssl::context* tls, const BeastRequest& request,
                         const ExchangeLimits& limits, const std::string& what,
                         beast_http::response_parser<Body>& parser) {
  Connection connection(limits, what);
  if (auto s = connection.Connect(url); !s.ok()) return s;
  bool head = request.method() == beast_http::verb::head;
  if (tls == nullptr) {
    if (auto s = connection.Write(connection.socket(), request); !s.ok()) return s;
    return connection.Read(connection.socket(), head, parser);
  }
  asio::ssl::stream<tcp::socket&> stream(connection.socket(), *tls);
  if (auto s = connection.Handshake(stream, url); !s.ok()) return s;
  if (auto s = connection.Write(stream, request); !s.ok()) return s;
  return connection.Read(stream, head, parser);
}

}  // namespace

mltrend::Status RunExchange(const Url& url, asio::ssl::context* tls, const BeastRequest& request,
                            const ExchangeLimits& limits, const std::string& what, BeastResponse& response) {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(limits.max_body_bytes);
  if (auto s = Exchange(url, tls, request, limits, what, parser); !s.ok()) return s;
  response = parser.release();
  return mltrend::Status::Ok();
}

mltrend::Status RunStreamingExchange(const Url& url, asio::ssl::context* tls, const BeastRequest& request,
                                     const ExchangeLimits& limits, const std::string& what,
                                     const ChunkConsumer& on_body, BeastResponse& response, bool& streamed) {
  beast_http::response_parser<ChunkBody> parser;
  // A 2xx body is unbounded; ChunkBody bounds the others. (Not boost::none:
  // Beast 1.74 compares Content-Length > none as true and refuses the body.)
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.get().body().consumer = &on_body;
  parser.get().body().max_kept = limits.max_body_bytes;
  mltrend::Status s = Exchange(url, tls, request, limits, what, parser);
  auto& body = parser.get().body();
  streamed = body.streamed;
  if (!body.error.ok()) return mltrend::Status(body.error.code(), what + " failed: " + body.error.message());
  if (!s.ok()) return s;
  response.base() = parser.get().base();
  response.body() = std::move(body.kept);
  return mltrend::Status::Ok();
}

}  // namespace mltrendd::http_detail
