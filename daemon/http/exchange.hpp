//===----------------------------------------------------------------------===//
// mltrendd — http/exchange.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <string>

#include "gzip.hpp"
#include "mltrend/cancel.hpp"
#include "mltrend/status.hpp"
#include "mltrendd/http/http_client.hpp"

namespace mltrendd::http_detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

//! Every bound one exchange runs under; the total deadline is shared by all
//! hops of a redirect chain, the other timeouts restart per step.
struct ExchangeLimits {
  std::chrono::milliseconds connect_timeout;
  std::chrono::milliseconds read_timeout;
  std::chrono::milliseconds total_timeout;
  std::chrono::steady_clock::time_point total_deadline;
  size_t max_body_bytes = 0;
  bool verify_peer = true;
  const mltrend::CancelToken* cancel = nullptr;
};

//! Sends `request` to `url` over a fresh connection (TLS through `tls` when
//! the scheme is https) and reads one complete response. All I/O runs on a
//! private io_context in short slices, so the cancel token and the deadlines
//! are honoured while waiting. `what` ("GET https://host/path") starts every
//! error message. A non-ok Status means no complete response arrived.
mltrend::Status RunExchange(const Url& url, boost::asio::ssl::context* tls, const BeastRequest& request,
                            const ExchangeLimits& limits, const std::string& what, BeastResponse& response);

//! As RunExchange, but a 2xx body goes to `on_body` as it arrives (gunzipped)
//! and `streamed` is set; `response` gets the header, and the body only of a
//! non-2xx answer (bounded by max_body_bytes, as received). An error of
//! `on_body` ends the exchange and is returned with `what` prefixed.
mltrend::Status RunStreamingExchange(const Url& url, boost::asio::ssl::context* tls, const BeastRequest& request,
                                     const ExchangeLimits& limits, const std::string& what,
                                     const ChunkConsumer& on_body, BeastResponse& response, bool& streamed);

}  // namespace mltrendd::http_detail
