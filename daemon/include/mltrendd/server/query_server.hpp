//===----------------------------------------------------------------------===//
// mltrendd — server/query_server.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "mltrend/status.hpp"
#include "mltrendd/server/api.hpp"

namespace mltrendd {

class ConnectionTable;

struct QueryServerLimits {
  size_t max_header_bytes = 8 * 1024;  //!< beyond: 431, then close
  size_t max_body_bytes = 64 * 1024;   //!< beyond (or a bigger Content-Length): 413, then close
  //! From a request's first byte to its last (headers and body), in total:
  //! a client that dribbles its request is closed when it runs out (slowloris).
  std::chrono::milliseconds request_timeout{10'000};
  //! How long a connection may wait for its first request, or between two
  //! keep-alive requests, before it is closed.
  std::chrono::milliseconds idle_timeout{10'000};
  //! Connections open at once. At the limit a new one takes the place of
  //! the connection that has waited longest (idle, or still sending its
  //! request); only when every one is being answered is it refused with 503.
  size_t max_connections = 512;
  //! Pause of the accept loop when the process is out of descriptors.
  std::chrono::milliseconds accept_backoff{100};
};

//! Which endpoints a listener serves.
enum class Endpoints {
  kAll,     //!< the query socket: the whole API
  kScrape,  //!< the metrics listener: GET /metrics and GET /healthz only
};

//! What the accept loop went through, for tests and /metrics.
struct AcceptStats {
  uint64_t failures = 0;  //!< accept() calls that failed (EMFILE, ENFILE, ENOBUFS, ECONNABORTED, ...)
  uint64_t pauses = 0;    //!< back-off timers started (one per failure: the loop never spins)
  uint64_t episodes = 0;  //!< runs of failures; the warning is logged once per run
};

//! HTTP/1.1 over a Unix stream socket (Boost.Beast), on the daemon's event
//! loop: `curl --unix-socket S http://localhost/v1/...` works. The socket
//! file is created with mode 0660 (and the configured group); a stale socket
//! file is replaced, but a symlink or a non-socket file at the path is refused.
//! The same server on TCP (ListenTcp) with Endpoints::kScrape is the
//! read-only metrics listener Prometheus scrapes: same sessions, limits and
//! handlers, its own connection table.
class QueryServer {
 public:
  QueryServer(boost::asio::io_context& io, const Api& api, QueryServerLimits limits = {},
              Endpoints endpoints = Endpoints::kAll);
  ~QueryServer();

  //! Creates the parent directory if needed, binds, chmods 0660, gives the
  //! socket to `group` (a group name; "" keeps the daemon's own group) and
  //! listens. Nobody can connect before listen(), so the mode and owner are
  //! right before the first client arrives.
  mltrend::Status Listen(const std::filesystem::path& socket_path, const std::string& group = "");
  //! Binds `host` (an IP literal) and `port` (0: any free port) and listens.
  mltrend::Status ListenTcp(const std::string& host, uint16_t port);
  //! "127.0.0.1:9464" / "[::1]:9464": where ListenTcp bound (the port the
  //! kernel chose for 0); "" before.
  const std::string& TcpAddress() const { return tcp_address_; }
  //! Serves on an already listening socket (systemd socket activation).
  mltrend::Status Adopt(int fd);
  //! Stops accepting and closes open connections; removes the socket file
  //! it created.
  void Stop();
  size_t OpenConnections() const;
  AcceptStats AcceptStatistics() const;
  //! Called on the event loop each time the accept loop pauses (tests wait on it).
  void OnAcceptPause(std::function<void()> hook) { on_pause_ = std::move(hook); }

 private:
  void Accept();
  //! accept() failed for lack of descriptors: retry after a pause, not at once.
  void Pause(const boost::system::error_code& ec);

  boost::asio::io_context& io_;
  const Api& api_;
  QueryServerLimits limits_;
  //! What logs call it: "query socket" or "metrics listener".
  const char* Name() const;

  Endpoints endpoints_;
  //! Generic: the same accept loop serves a Unix or a TCP socket.
  boost::asio::basic_socket_acceptor<boost::asio::generic::stream_protocol> acceptor_;
  std::string tcp_address_;
  boost::asio::steady_timer backoff_;
  std::filesystem::path created_path_;
  std::shared_ptr<ConnectionTable> table_;
  std::atomic<uint64_t> failures_{0}, pauses_{0}, episodes_{0};
  bool failing_ = false;  //!< inside a run of accept failures
  std::function<void()> on_pause_;
};

//! The gid of group `name`; IoError naming it when there is no such group.
mltrend::Status LookupGroup(const std::string& name, unsigned& gid);

}  // namespace mltrendd
