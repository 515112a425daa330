//===----------------------------------------------------------------------===//
// tests — replay/session.cpp
//===----------------------------------------------------------------------===//
#include "session.hpp"

#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <memory>
#include <optional>
#include <type_traits>

#include "render.hpp"

namespace mltrend_test::replay_detail {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

bool AcceptsGzip(boost::beast::string_view accept_encoding) {
  std::string lower(accept_encoding.data(), accept_encoding.size());
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("gzip") != std::string::npos;
}

//! One accepted connection: reads requests and answers each the way its
//! exchange says, including the misbehaving ways.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, ExchangeSource& source) : stream_(std::move(stream)), source_(source) {}

  void Run() {
    if constexpr (kTls) {
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](const error_code& ec) {
        if (ec) return self->Close();
        self->ReadRequest();
      });
    } else {
      ReadRequest();
    }
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

  void ReadRequest() {
    parser_.emplace();
    parser_->body_limit(16u << 20);
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](const error_code& ec, size_t) {
      self->OnRequest(ec);
    });
  }

  void OnRequest(const error_code& ec) {
    if (ec) return Close();
    const auto& request = parser_->get();
    RecordedRequest recorded;
    recorded.method = std::string(request.method_string());
    recorded.target = std::string(request.target());
    for (const auto& field : request) {
      recorded.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    bool accepts_gzip = AcceptsGzip(request[http::field::accept_encoding]);
    keep_alive_ = request.keep_alive();
    const std::string range(request[http::field::range]);
    Exchange exchange = ApplyRange(source_.Answer(std::move(recorded)), range);
    switch (exchange.behaviour) {
      case Exchange::Behaviour::kNormal:
        wire_ = RenderResponse(exchange, keep_alive_, accepts_gzip);
        return WriteAll();
      case Exchange::Behaviour::kNeverAnswer:
        return WaitForPeerClose();
      case Exchange::Behaviour::kDribble:
        keep_alive_ = false;
        wire_ = RenderResponse(exchange, false, accepts_gzip);
        dribble_interval_ = exchange.dribble_interval;
        return DribbleNext();
      case Exchange::Behaviour::kCloseEarly:
        return WriteTruncated(RenderResponse(exchange, false, accepts_gzip));
    }
  }

  void WriteAll() {
    asio::async_write(stream_, asio::buffer(wire_), [self = this->shared_from_this()](const error_code& ec, size_t) {
      if (ec) return self->Close();
      if (self->keep_alive_) return self->ReadRequest();
      self->Finish();
    });
  }

  // Holds the connection open without a byte of answer; a read notices when
  // the client gives up and closes.
  void WaitForPeerClose() {
    stream_.async_read_some(asio::buffer(scratch_), [self = this->shared_from_this()](const error_code& ec, size_t) {
      if (ec) return self->Close();
      self->WaitForPeerClose();
    });
  }

  void DribbleNext() {
    if (dribble_pos_ >= wire_.size()) return Finish();
    asio::async_write(stream_, asio::buffer(wire_.data() + dribble_pos_, 1),
                      [self = this->shared_from_this()](const error_code& ec, size_t) {
                        if (ec) return self->Close();
                        ++self->dribble_pos_;
                        self->timer_.expires_after(self->dribble_interval_);
                        self->timer_.async_wait([self](const error_code& wait_ec) {
                          if (wait_ec) return self->Close();
                          self->DribbleNext();
                        });
                      });
  }

  // The full header and half the body (half the header when there is no
  // body), then an abrupt close: what a crashing upstream looks like.
  void WriteTruncated(const std::string& full) {
    size_t header_size = full.find("\r\n\r\n") + 4;
    size_t body_size = full.size() - header_size;
    wire_ = full.substr(0, body_size > 0 ? header_size + body_size / 2 : header_size / 2);
    asio::async_write(stream_, asio::buffer(wire_), [self = this->shared_from_this()](const error_code&, size_t) {
      self->Close();
    });
  }

  void Finish() {
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](const error_code&) { self->Close(); });
    } else {
      Close();
    }
  }

  void Close() {
    error_code ignored;
    stream_.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }

  Stream stream_;
  ExchangeSource& source_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keep_alive_ = false;
  std::string wire_;
  size_t dribble_pos_ = 0;
  std::chrono::milliseconds dribble_interval_{0};
  asio::steady_timer timer_{stream_.get_executor()};
  char scratch_[512];
};

}  // namespace

void StartPlainSession(tcp::socket socket, ExchangeSource& source) {
  std::make_shared<Session<tcp::socket>>(std::move(socket), source)->Run();
}

void StartTlsSession(tcp::socket socket, asio::ssl::context& tls, ExchangeSource& source) {
  using TlsStream = asio::ssl::stream<tcp::socket>;
  std::make_shared<Session<TlsStream>>(TlsStream(std::move(socket), tls), source)->Run();
}

}  // namespace mltrend_test::replay_detail
