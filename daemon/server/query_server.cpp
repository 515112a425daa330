#include "mltrendd/server/query_server.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sys/stat.h>

namespace mltrendd {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;
using Stream = beast::basic_stream<Local, boost::asio::any_io_executor, beast::unlimited_rate_policy>;

namespace {

//! One client connection: read a request, answer it, repeat while keep-alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Local::socket socket, const Api& api, const QueryServerLimits& limits,
          std::shared_ptr<std::atomic<size_t>> counter)
      : stream_(std::move(socket)), api_(api), limits_(limits), counter_(std::move(counter)) {
    ++*counter_;
  }
  ~Session() { --*counter_; }

  void Start() { Read(); }

  //! Answers at once and closes: used beyond the connection limit.
  void Refuse() {
    api_.Queries().Refused();
    auto res = std::make_shared<http::response<http::string_body>>(http::status::service_unavailable, 11);
    res->set(http::field::content_type, "application/json");
    res->set(http::field::connection, "close");
    res->body() = R"({"error":"busy","message":"too many open connections; try again"})";
    res->prepare_payload();
    stream_.expires_after(limits_.request_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code, size_t) {
      beast::error_code ec;
      self->stream_.socket().shutdown(Local::socket::shutdown_send, ec);
    });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    parser_->body_limit(limits_.max_body_bytes);
    stream_.expires_after(limits_.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == boost::asio::error::operation_aborted) {
      return Close();
    }
    const auto begin = std::chrono::steady_clock::now();
    if (ec) {
      ApiAnswer bad = ErrorAnswer(400, "bad_request", "malformed HTTP request: " + ec.message());
      Count("other", bad.status, begin);
      return Write(std::move(bad), false, 11);
    }
    auto& req = parser_->get();
    const std::string_view target(req.target().data(), req.target().size());
    ApiAnswer answer = api_.Handle(std::string_view(req.method_string().data(), req.method_string().size()), target);
    Count(api_.PathLabel(target), answer.status, begin);
    Write(std::move(answer), req.keep_alive(), req.version());
  }

  //! Records one answer in /metrics: the time to compute it, not to send it
  //! (a slow reader must not look like a slow daemon).
  void Count(const std::string& path, int status, std::chrono::steady_clock::time_point begin) {
    api_.Queries().Observe(path, status,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
  }

  void Write(ApiAnswer answer, bool keep_alive, unsigned version) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(answer.status), version);
    res->set(http::field::server, "mltrendd/" MLTREND_VERSION);
    res->set(http::field::content_type, answer.content_type);
    res->keep_alive(keep_alive);
    res->body() = std::move(answer.body);
    res->prepare_payload();
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec || !res->keep_alive()) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(Local::socket::shutdown_send, ec);
  }

  Stream stream_;
  const Api& api_;
  const QueryServerLimits& limits_;
  std::shared_ptr<std::atomic<size_t>> counter_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

QueryServer::QueryServer(boost::asio::io_context& io, const Api& api, QueryServerLimits limits)
    : io_(io), api_(api), limits_(limits), acceptor_(io) {}

QueryServer::~QueryServer() { Stop(); }

mltrend::Status QueryServer::Listen(const std::filesystem::path& socket_path) {
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
  if (socket_path.has_parent_path()) fs::create_directories(socket_path.parent_path(), ec);
  boost::system::error_code bec;
  acceptor_.open(Local(), bec);
  if (!bec) acceptor_.bind(Local::endpoint(socket_path.string()), bec);
  if (bec) return mltrend::Status::IoError("cannot bind socket " + socket_path.string() + ": " + bec.message());
  created_path_ = socket_path;
  if (::chmod(socket_path.c_str(), 0660) != 0) {
    return mltrend::Status::IoError("cannot chmod 0660 socket " + socket_path.string());
  }
  acceptor_.listen(boost::asio::socket_base::max_listen_connections, bec);
  if (bec) return mltrend::Status::IoError("cannot listen on socket " + socket_path.string() + ": " + bec.message());
  Accept();
  return mltrend::Status::Ok();
}

mltrend::Status QueryServer::Adopt(int fd) {
  boost::system::error_code ec;
  acceptor_.assign(Local(), fd, ec);
  if (ec) return mltrend::Status::IoError("cannot use the socket passed by systemd: " + ec.message());
  Accept();
  return mltrend::Status::Ok();
}

void QueryServer::Accept() {
  acceptor_.async_accept(boost::asio::make_strand(io_), [this](boost::system::error_code ec, Local::socket socket) {
    if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      auto session = std::make_shared<Session>(std::move(socket), api_, limits_, connections_);
      if (*connections_ > limits_.max_connections) {
        session->Refuse();
      } else {
        session->Start();
      }
    }
    Accept();
  });
}

void QueryServer::Stop() {
  boost::system::error_code ec;
  if (acceptor_.is_open()) acceptor_.close(ec);
  if (!created_path_.empty()) {
    std::error_code fec;
    std::filesystem::remove(created_path_, fec);
    created_path_.clear();
  }
}

}  // namespace mltrendd
