//===----------------------------------------------------------------------===//
// mltrendd tests — server/tests/query_limits_test.cpp
//===----------------------------------------------------------------------===//
// The query socket's defences: size limits answered 413/431, idle and
// whole-request timeouts, eviction of the longest-waiting connection at the
// connection limit, and refusal when nothing can give way. Timeouts here are
// short only so that the tests finish; nothing asserts how long anything took.

#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>

#include "metrics_parse.hpp"
#include "server_harness.hpp"

namespace {

using namespace std::chrono_literals;
using metrics_test::SampleValue;
using server_test::Harness;
using server_test::Local;
namespace http = server_test::http;

//! A raw client connection with a safety net: a read that would block for a
//! minute fails the test instead of hanging it (never reached when it passes).
struct Client {
  boost::asio::io_context io;
  Local::socket sock{io};

  explicit Client(const std::filesystem::path& path) {
    sock.connect(Local::endpoint(path.string()));
    timeval tv{60, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  void Send(const std::string& bytes) { boost::asio::write(sock, boost::asio::buffer(bytes)); }
  //! Reads one answer; returns its status and body.
  std::pair<int, std::string> Answer() {
    http::response_parser<http::string_body> parser;
    http::read(sock, buffer, parser);
    return {static_cast<int>(parser.get().result_int()), parser.get().body()};
  }
  //! Whether the server closed the connection: the next read meets EOF
  //! (and no answer).
  bool ClosedByServer() {
    char c;
    boost::system::error_code ec;
    size_t n = sock.read_some(boost::asio::buffer(&c, 1), ec);
    return n == 0 && (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
  }
  boost::beast::flat_buffer buffer;
};

mltrendd::QueryServerLimits Limits(std::chrono::milliseconds idle, std::chrono::milliseconds request,
                                   size_t max_connections = 512) {
  mltrendd::QueryServerLimits l;
  l.idle_timeout = idle;
  l.request_timeout = request;
  l.max_connections = max_connections;
  return l;
}

double Metric(Harness& h, const std::string& series) {
  auto page = h.Get("/metrics");
  INFO(page.body);
  auto v = SampleValue(page.body, series);
  REQUIRE(v.has_value());
  return *v;
}

const std::string kHalfRequest = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n";

}  // namespace

TEST_CASE("headers beyond the limit are answered 431, a body beyond it 413, before it is sent") {
  Harness h;
  h.Start();
  const std::string pad(9000, 'a');
  CHECK(h.Garbage("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + pad + "\r\n\r\n") == "431");
  // The limit is checked against Content-Length: the body never comes.
  CHECK(h.Garbage("POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000\r\n\r\n") == "413");
  CHECK(Metric(h, R"(mltrend_query_requests_total{path="other",code="431"})") == 1);
  CHECK(Metric(h, R"(mltrend_query_requests_total{path="other",code="413"})") == 1);
  CHECK(h.Get("/healthz").status == 200);
}

TEST_CASE("a connection that sends nothing, or nothing more after an answer, is closed by the idle timeout") {
  Harness h({}, Limits(50ms, 1h));
  h.Start();
  Client silent(h.Socket());
  CHECK(silent.ClosedByServer());

  Client kept(h.Socket());
  kept.Send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");  // HTTP/1.1: keep-alive
  CHECK(kept.Answer().first == 200);
  CHECK(kept.ClosedByServer());
  CHECK(Metric(h, R"(mltrend_query_closed_connections_total{reason="idle_timeout"})") == 2);
  CHECK(Metric(h, R"(mltrend_query_closed_connections_total{reason="request_timeout"})") == 0);
}

TEST_CASE("a client dribbling its headers is closed when the whole-request timeout runs out, however steadily it sends") {
  // A byte every 20 ms keeps any per-read timeout of 300 ms from firing;
  // only a deadline over the whole request ends this.
  Harness h({}, Limits(1h, 300ms));
  h.Start();
  Client slow(h.Socket());
  slow.Send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
  const std::string line = "X-Slow: yes\r\n";
  size_t sent = 0;
  bool closed = false;
  while (!closed && sent < 4000) {  // 4000 bytes at this pace: 80 s
    boost::system::error_code ec;
    boost::asio::write(slow.sock, boost::asio::buffer(&line[sent % line.size()], 1), ec);
    if (ec) break;
    ++sent;
    pollfd p{slow.sock.native_handle(), POLLIN, 0};
    closed = ::poll(&p, 1, 20) > 0;  // the pace of the dribble; readable means closed
  }
  INFO(sent << " bytes dribbled");
  CHECK(sent < 4000);
  CHECK(slow.ClosedByServer());
  CHECK(Metric(h, R"(mltrend_query_closed_connections_total{reason="request_timeout"})") == 1);
}

TEST_CASE("at the connection limit a new client is served at once: the longest-waiting connection gives way") {
  Harness h({}, Limits(1h, 1h, 4));
  h.Start();
  Client idle(h.Socket());  // waits longest: evicted first
  Client half(h.Socket());
  half.Send(kHalfRequest);
  Client answered(h.Socket());
  answered.Send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(answered.Answer().first == 200);
  Client metrics(h.Socket());
  metrics.Send("GET /metrics HTTP/1.1\r\nHost: localhost\r\n");  // finished below

  // Four places, four waiting connections: the fifth takes the oldest's place.
  CHECK(h.Get("/healthz").status == 200);
  CHECK(idle.ClosedByServer());

  // The others still work, the half-sent request too.
  metrics.Send("\r\n");
  auto [status, page] = metrics.Answer();
  REQUIRE(status == 200);
  INFO(page);
  CHECK(SampleValue(page, R"(mltrend_query_closed_connections_total{reason="evicted"})") == 1);
  CHECK(SampleValue(page, R"(mltrend_query_refused_connections_total)") == 0);
  CHECK(SampleValue(page, R"(mltrend_query_closed_connections_total{reason="idle_timeout"})") == 0);
  CHECK(SampleValue(page, R"(mltrend_query_closed_connections_total{reason="request_timeout"})") == 0);
}

TEST_CASE("with no connection able to give way, a new one is answered 503 and counted") {
  // No place at all: the degenerate case of every place busy answering.
  Harness h({}, Limits(1h, 1h, 0));
  h.Start();
  Client c(h.Socket());
  // Nothing is sent: the refusal is written on accept, before any request is
  // read, and the server may have closed by the time a request would arrive
  // (a write then fails with EPIPE, as it did on a loaded CI machine).
  auto [status, body] = c.Answer();
  CHECK(status == 503);
  CHECK(body.find(R"("error":"busy")") != std::string::npos);
  CHECK(c.ClosedByServer());
  mltrendd::MetricsText text;
  h.api->Queries().Render(text);
  CHECK(SampleValue(text.Text(), "mltrend_query_refused_connections_total") == 1);
}
