//===----------------------------------------------------------------------===//
// mltrendd — server/query_session.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <memory>
#include <optional>

#include "connection_table.hpp"
#include "mltrendd/server/api.hpp"
#include "mltrendd/server/query_server.hpp"

namespace mltrendd {

//! One client connection of the query server (Unix socket or TCP): wait for a request (idle
//! timeout), read it whole (request timeout, size limits), answer it, repeat
//! while keep-alive. It tells its ConnectionTable when it waits and when it
//! is busy answering, so that the table can evict it only while it waits.
class QuerySession final : public TableEntry {
 public:
  using Socket = boost::asio::generic::stream_protocol;
  using Stream = boost::beast::basic_stream<Socket, boost::asio::any_io_executor, boost::beast::unlimited_rate_policy>;

  QuerySession(Socket::socket socket, const Api& api, const QueryServerLimits& limits, Endpoints endpoints,
               std::shared_ptr<ConnectionTable> table);
  ~QuerySession() override;

  void Start();
  //! Answers 503 at once and closes: every place is taken by a busy connection.
  void Refuse();
  //! Closes at once (on the session's strand): a newcomer took its place.
  void Evict() override;

 private:
  std::shared_ptr<QuerySession> Self() { return std::static_pointer_cast<QuerySession>(shared_from_this()); }
  void WaitForRequest();
  void OnFirstBytes(boost::beast::error_code ec, size_t n);
  void ReadRequest();
  void OnRead(boost::beast::error_code ec);
  void Count(const std::string& path, int status, std::chrono::steady_clock::time_point begin);
  void Write(ApiAnswer answer, bool keep_alive, unsigned version);
  void Close();

  Stream stream_;
  const Api& api_;
  const QueryServerLimits& limits_;
  Endpoints endpoints_;
  std::shared_ptr<ConnectionTable> table_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  bool evicted_ = false;
};

}  // namespace mltrendd
