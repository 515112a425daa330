//===----------------------------------------------------------------------===//
// mltrendd — server/query_session.cpp
//===----------------------------------------------------------------------===//
#include "query_session.hpp"
#include "listener_routes.hpp"
#include "mltrendd/server/request_parser.hpp"

#include <boost/asio/post.hpp>

namespace mltrendd {

namespace beast = boost::beast;
namespace http = boost::beast::http;

QuerySession::QuerySession(Socket::socket socket, const Api& api, const QueryServerLimits& limits, Endpoints endpoints,
                           std::shared_ptr<ConnectionTable> table)
    : stream_(std::move(socket)), api_(api), limits_(limits), endpoints_(endpoints), table_(std::move(table)) {}

QuerySession::~QuerySession() { table_->Remove(*this); }

void QuerySession::Start() {
  table_->Waiting(*this);
  WaitForRequest();
}

void QuerySession::Refuse() {
  auto res = std::make_shared<http::response<http::string_body>>(http::status::service_unavailable, 11);
  res->set(http::field::content_type, "application/json");
  res->set(http::field::connection, "close");
  res->body() = R"({"error":"busy","message":"too many open connections; try again"})";
  res->prepare_payload();
  stream_.expires_after(limits_.request_timeout);
  http::async_write(stream_, *res, [self = Self(), res](beast::error_code, size_t) { self->Close(); });
}

void QuerySession::Evict() {
  boost::asio::post(stream_.get_executor(), [self = Self()] {
    self->evicted_ = true;
    // Cancels the pending read: its handler ends the session.
    self->stream_.close();
  });
}

void QuerySession::WaitForRequest() {
  // A pipelined request is already in the buffer: no idle wait for it.
  if (buffer_.size() > 0) return ReadRequest();
  stream_.expires_after(limits_.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = Self()](beast::error_code ec, size_t n) { self->OnFirstBytes(ec, n); });
}

void QuerySession::OnFirstBytes(beast::error_code ec, size_t n) {
  if (ec == beast::error::timeout) api_.Queries().Closed("idle_timeout");
  if (ec) return Close();  // the client left, timed out or was evicted
  buffer_.commit(n);
  ReadRequest();
}

void QuerySession::ReadRequest() {
  parser_.emplace();
  ConfigureRequestParser(*parser_, limits_);
  // One deadline for the whole request, not per read: dribbling a byte at
  // a time does not buy more time.
  stream_.expires_after(limits_.request_timeout);
  http::async_read(stream_, buffer_, *parser_, [self = Self()](beast::error_code ec, size_t) { self->OnRead(ec); });
}

void QuerySession::OnRead(beast::error_code ec) {
  if (ec == beast::error::timeout) api_.Queries().Closed("request_timeout");
  if (ec == beast::error::timeout || ec == http::error::end_of_stream || ec == http::error::partial_message ||
      ec == boost::asio::error::operation_aborted || evicted_) {
    return Close();
  }
  table_->Busy(*this);
  const auto begin = std::chrono::steady_clock::now();
  if (ec) {
    ApiAnswer bad;
    if (ec == http::error::header_limit) {
      bad = ErrorAnswer(431, "header_too_large",
                        "request headers exceed " + std::to_string(limits_.max_header_bytes) + " bytes");
    } else if (ec == http::error::body_limit) {
      bad = ErrorAnswer(413, "body_too_large", "request body exceeds " + std::to_string(limits_.max_body_bytes) + " bytes");
    } else {
      bad = ErrorAnswer(400, "bad_request", "malformed HTTP request: " + ec.message());
    }
    Count("other", bad.status, begin);
    return Write(std::move(bad), false, 11);
  }
  auto& req = parser_->get();
  const std::string_view target(req.target().data(), req.target().size());
  const std::string_view method(req.method_string().data(), req.method_string().size());
  ApiAnswer answer = ListenerAnswer(api_, endpoints_, method, target);
  Count(ListenerPathLabel(api_, endpoints_, target), answer.status, begin);
  Write(std::move(answer), req.keep_alive(), req.version());
}

//! Records one answer in /metrics: the time to compute it, not to send it
//! (a slow reader must not look like a slow daemon).
void QuerySession::Count(const std::string& path, int status, std::chrono::steady_clock::time_point begin) {
  api_.Queries().Observe(path, status, std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
}

void QuerySession::Write(ApiAnswer answer, bool keep_alive, unsigned version) {
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(answer.status), version);
  res->set(http::field::server, "mltrendd/" MLTREND_VERSION);
  res->set(http::field::content_type, answer.content_type);
  if (!answer.allow.empty()) res->set(http::field::allow, answer.allow);
  res->keep_alive(keep_alive);
  res->body() = std::move(answer.body);
  res->prepare_payload();
  // A client that does not read its answer is closed like a slow sender.
  stream_.expires_after(limits_.request_timeout);
  http::async_write(stream_, *res, [self = Self(), res](beast::error_code ec, size_t) {
    if (ec == beast::error::timeout) self->api_.Queries().Closed("write_timeout");
    if (ec || !res->keep_alive()) return self->Close();
    self->table_->Requeue(*self);
    self->WaitForRequest();
  });
}

void QuerySession::Close() {
  beast::error_code ec;
  stream_.socket().shutdown(Socket::socket::shutdown_send, ec);
}

}  // namespace mltrendd
