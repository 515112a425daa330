//===----------------------------------------------------------------------===//
// mltrendd — server/query_server.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include "mltrend/status.hpp"
#include "mltrendd/server/api.hpp"

namespace mltrendd {

struct QueryServerLimits {
  size_t max_header_bytes = 8 * 1024;
  size_t max_body_bytes = 64 * 1024;
  //! A client must send a whole request within this time (slowloris guard)
  //! and may stay idle between keep-alive requests no longer than it.
  std::chrono::milliseconds request_timeout{10'000};
  size_t max_connections = 512;
};

//! HTTP/1.1 over a Unix stream socket (Boost.Beast), on the daemon's event
//! loop: `curl --unix-socket S http://localhost/v1/...` works. The socket
//! file is created with mode 0660; a stale socket file is replaced, but a
//! symlink or a non-socket file at the path is refused.
class QueryServer {
 public:
  QueryServer(boost::asio::io_context& io, const Api& api, QueryServerLimits limits = {});
  ~QueryServer();

  //! Creates the parent directory if needed, binds, chmods and listens.
  mltrend::Status Listen(const std::filesystem::path& socket_path);
  //! Serves on an already listening socket (systemd socket activation).
  mltrend::Status Adopt(int fd);
  //! Stops accepting and closes open connections; removes the socket file
  //! it created.
  void Stop();
  size_t OpenConnections() const { return *connections_; }

 private:
  void Accept();

  boost::asio::io_context& io_;
  const Api& api_;
  QueryServerLimits limits_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::filesystem::path created_path_;
  std::shared_ptr<std::atomic<size_t>> connections_ = std::make_shared<std::atomic<size_t>>(0);
};

}  // namespace mltrendd
