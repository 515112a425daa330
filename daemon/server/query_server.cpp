//===----------------------------------------------------------------------===//
// mltrendd — server/query_server.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/server/query_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/strand.hpp>
#include <grp.h>
#include <sys/stat.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "connection_table.hpp"
#include "mltrendd/runtime/logging.hpp"
#include "query_session.hpp"

namespace mltrendd {

using Local = boost::asio::local::stream_protocol;
using Generic = boost::asio::generic::stream_protocol;
using Tcp = boost::asio::ip::tcp;

namespace {

//! accept() errors that concern the one connection being accepted: the next
//! accept may succeed at once. Anything else (EMFILE, ENFILE, ENOBUFS,
//! ENOMEM, ...) would fail again immediately, so the loop pauses instead.
bool IsTransient(const boost::system::error_code& ec) {
  return ec == boost::asio::error::connection_aborted || ec == boost::asio::error::interrupted ||
         ec == boost::asio::error::try_again || ec == boost::asio::error::would_block;
}

//! "127.0.0.1:9464", "[::1]:9464".
std::string ShowAddress(const boost::asio::ip::address& address, uint16_t port) {
  const std::string host = address.to_string();
  return (address.is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

mltrend::Status LookupGroup(const std::string& name, unsigned& gid) {
  long hint = ::sysconf(_SC_GETGR_R_SIZE_MAX);
  std::vector<char> buf(hint > 0 ? static_cast<size_t>(hint) : 16384);
  for (;;) {
    struct group entry {};
    struct group* found = nullptr;
    int err = ::getgrnam_r(name.c_str(), &entry, buf.data(), buf.size(), &found);
    if (err == ERANGE && buf.size() < (1u << 20)) {
      buf.resize(buf.size() * 2);
      continue;
    }
    if (err != 0) return mltrend::Status::IoError("cannot look up group '" + name + "': " + std::strerror(err));
    if (!found) return mltrend::Status::Invalid("socket_group '" + name + "': no such group");
    gid = found->gr_gid;
    return mltrend::Status::Ok();
  }
}

QueryServer::QueryServer(boost::asio::io_context& io, const Api& api, QueryServerLimits limits, Endpoints endpoints)
    : io_(io),
      api_(api),
      limits_(limits),
      endpoints_(endpoints),
      acceptor_(io),
      backoff_(io),
      table_(std::make_shared<ConnectionTable>(limits.max_connections)) {}

QueryServer::~QueryServer() { Stop(); }

size_t QueryServer::OpenConnections() const { return table_->Open(); }

AcceptStats QueryServer::AcceptStatistics() const {
  AcceptStats stats;
  // Pauses first: each failure is counted before its pause, so failures >= pauses.
  stats.pauses = pauses_.load();
  stats.failures = failures_.load();
  stats.episodes = episodes_.load();
  return stats;
}

mltrend::Status QueryServer::Listen(const std::filesystem::path& socket_path, const std::string& group) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto st = fs::symlink_status(socket_path, ec);
  if (!ec && fs::exists(st)) {
    if (fs::is_symlink(st)) return mltrend::Status::Invalid("socket path " + socket_path.string() + " is a symlink; refusing to use it");
    if (!fs::is_socket(st)) return mltrend::Status::Invalid("socket path " + socket_path.string() + " exists and is not a socket; refusing to replace it");
    // A socket file left by a daemon that died: nobody can be listening on
    // it if binding would fail only because the file exists.
    Local::socket probe(io_);
    boost::system::error_code connect_ec;
    probe.connect(Local::endpoint(socket_path.string()), connect_ec);
    if (!connect_ec) return mltrend::Status::Invalid("socket " + socket_path.string() + " is in use by another process");
    fs::remove(socket_path, ec);
  }
  unsigned gid = 0;
  if (!group.empty()) {
    if (mltrend::Status s = LookupGroup(group, gid); !s.ok()) return s;
  }
  if (socket_path.has_parent_path()) fs::create_directories(socket_path.parent_path(), ec);
  boost::system::error_code bec;
  acceptor_.open(Local(), bec);
  if (!bec) acceptor_.bind(Generic::endpoint(Local::endpoint(socket_path.string())), bec);
  if (bec) return mltrend::Status::IoError("cannot bind socket " + socket_path.string() + ": " + bec.message());
  created_path_ = socket_path;
  if (::chmod(socket_path.c_str(), 0660) != 0) {
    return mltrend::Status::IoError("cannot chmod 0660 socket " + socket_path.string() + ": " + std::strerror(errno));
  }
  if (!group.empty() && ::chown(socket_path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
    return mltrend::Status::IoError("cannot give socket " + socket_path.string() + " to group '" + group +
                                    "': " + std::strerror(errno));
  }
  acceptor_.listen(boost::asio::socket_base::max_listen_connections, bec);
  if (bec) return mltrend::Status::IoError("cannot listen on socket " + socket_path.string() + ": " + bec.message());
  Accept();
  return mltrend::Status::Ok();
}

mltrend::Status QueryServer::ListenTcp(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return mltrend::Status::Invalid("metrics listener: '" + host + "' is not an IP address");
  const Tcp::endpoint wanted(address, port);
  acceptor_.open(wanted.protocol(), ec);
  // A restarted daemon rebinds at once though its old connections linger in TIME_WAIT.
  if (!ec) acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(Generic::endpoint(wanted), ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return mltrend::Status::IoError("cannot listen on " + ShowAddress(address, port) + " (metrics_listen): " + ec.message());
  // The generic endpoint holds the sockaddr the kernel filled in: read the
  // port it chose for 0 back through a TCP endpoint.
  Tcp::endpoint bound;
  const Generic::endpoint local = acceptor_.local_endpoint(ec);
  if (ec || local.size() > bound.capacity()) return mltrend::Status::IoError("metrics listener: cannot read its address");
  std::memcpy(bound.data(), local.data(), local.size());
  bound.resize(local.size());
  tcp_address_ = ShowAddress(address, bound.port());
  Accept();
  return mltrend::Status::Ok();
}

mltrend::Status QueryServer::Adopt(int fd) {
  boost::system::error_code ec;
  acceptor_.assign(Generic(Local()), fd, ec);
  if (ec) return mltrend::Status::IoError("cannot use the socket passed by systemd: " + ec.message());
  Accept();
  return mltrend::Status::Ok();
}

void QueryServer::Accept() {
  acceptor_.async_accept(boost::asio::make_strand(io_), [this](boost::system::error_code ec, Generic::socket socket) {
    if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) ++failures_;  // counted apart from pauses: a spinning loop would show
    if (ec && !IsTransient(ec)) return Pause(ec);
    if (!ec) {
      if (failing_) {
        failing_ = false;
        NamedLogger("mltrendd")->info("{} accepting again after {} failed accept(s)", Name(), failures_.load());
      }
      auto session = std::make_shared<QuerySession>(std::move(socket), api_, limits_, endpoints_, table_);
      std::shared_ptr<TableEntry> victim;
      switch (table_->Admit(*session, victim)) {
        case ConnectionTable::Admission::kAdmittedByEviction:
          api_.Queries().Closed("evicted");
          if (victim) victim->Evict();
          [[fallthrough]];
        case ConnectionTable::Admission::kAdmitted:
          session->Start();
          break;
        case ConnectionTable::Admission::kRefused:
          api_.Queries().Refused();
          session->Refuse();
          break;
      }
    }
    Accept();
  });
}

void QueryServer::Pause(const boost::system::error_code& ec) {
  ++pauses_;
  api_.Queries().AcceptPaused();
  if (!failing_) {
    // Once per run of failures: a daemon out of descriptors would otherwise
    // write a line every pause.
    failing_ = true;
    ++episodes_;
    NamedLogger("mltrendd")->warn("{}: accept failed ({}); retrying every {} ms until it succeeds", Name(),
                                ec.message(), limits_.accept_backoff.count());
  }
  backoff_.expires_after(limits_.accept_backoff);
  backoff_.async_wait([this](const boost::system::error_code& wait_ec) {
    if (wait_ec || !acceptor_.is_open()) return;
    Accept();
  });
  if (on_pause_) on_pause_();
}

const char* QueryServer::Name() const {
  return endpoints_ == Endpoints::kScrape ? "metrics listener" : "query socket";
}

void QueryServer::Stop() {
  boost::system::error_code ec;
  backoff_.cancel();
  if (acceptor_.is_open()) acceptor_.close(ec);
  if (!created_path_.empty()) {
    std::error_code fec;
    std::filesystem::remove(created_path_, fec);
    created_path_.clear();
  }
}

}  // namespace mltrendd
