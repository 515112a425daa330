//===----------------------------------------------------------------------===//
// tests — replay/session.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "mltrend_test/replay_server.hpp"

namespace mltrend_test::replay_detail {

//! What a connection asks of the server for each request it reads.
class ExchangeSource {
 public:
  virtual ~ExchangeSource() = default;
  //! Records `request` and returns the exchange that answers it, with
  //! `{{base_url}}` already substituted (or the 404 for an unknown target).
  //! Called on the server's I/O thread.
  virtual Exchange Answer(RecordedRequest request) = 0;
};

//! Serves requests on an accepted connection until the peer closes, the
//! exchange says otherwise, or the io_context stops. The session keeps itself
//! alive through its pending handlers; `source` must outlive the io_context.
void StartPlainSession(boost::asio::ip::tcp::socket socket, ExchangeSource& source);
//! The same after a server-side TLS handshake with `tls`.
void StartTlsSession(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls, ExchangeSource& source);

}  // namespace mltrend_test::replay_detail
