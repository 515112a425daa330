// The metrics listener: the query server on TCP limited to GET /metrics and
// GET /healthz, with the exact status of everything else.

#include <boost/asio/ip/tcp.hpp>

#include "server_harness.hpp"

namespace {

namespace http = boost::beast::http;
using Tcp = boost::asio::ip::tcp;

struct TcpAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string allow;  //!< the Allow header, "" when there is none
};

//! One request over TCP to "127.0.0.1:PORT".
TcpAnswer TcpRequest(const std::string& address, http::verb method, const std::string& target) {
  const size_t colon = address.rfind(':');
  boost::asio::io_context client;
  Tcp::socket sock(client);
  sock.connect(Tcp::endpoint(boost::asio::ip::make_address(address.substr(0, colon)),
                             static_cast<uint16_t>(std::stoi(address.substr(colon + 1)))));
  http::request<http::empty_body> req{method, target, 11};
  req.set(http::field::host, address);
  http::write(sock, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(method == http::verb::head);
  http::read(sock, buffer, parser);
  const auto& res = parser.get();
  return {static_cast<int>(res.result_int()), std::string(res[http::field::content_type]), res.body(),
          std::string(res[http::field::allow])};
}

}  // namespace

TEST_CASE("the metrics listener answers GET /metrics and /healthz on TCP and nothing else") {
  int reloads = 0;
  server_test::Harness h([&](mltrendd::ApiModel& m) {
    m.reload_now = [&] {
      ++reloads;
      return mltrend::Status::Ok();
    };
  });
  h.ListenScrape();
  h.Start();
  const std::string at = h.scrape->TcpAddress();
  INFO(at);
  REQUIRE(at.rfind("127.0.0.1:", 0) == 0);
  CHECK(at != "127.0.0.1:0");

  TcpAnswer metrics = TcpRequest(at, http::verb::get, "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.content_type == "text/plain; version=0.0.4; charset=utf-8");
  // The same renderer as the socket: the socket's page has the same series.
  CHECK(metrics.body.find("\nmltrend_store_size_bytes ") != std::string::npos);
  TcpAnswer health = TcpRequest(at, http::verb::get, "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok"})");

  for (const char* path : {"/v1/status", "/v1/sources", "/v1/plugins", "/v1/openapi.json", "/v1/trends", "/", "/nope"}) {
    INFO(path);
    TcpAnswer a = TcpRequest(at, http::verb::get, path);
    CHECK(a.status == 404);
    CHECK(a.body == std::string(R"({"error":"not_found","message":"the metrics listener serves only /metrics and )") +
                        "/healthz, not " + path + "\"}");
  }
  // Reload changes state: not even reachable by its path.
  CHECK(TcpRequest(at, http::verb::post, "/v1/reload").status == 404);
  CHECK(reloads == 0);
  CHECK(TcpRequest(at, http::verb::post, "/metrics").body ==
        R"({"error":"method_not_allowed","message":"only GET is supported on /metrics"})");
  for (http::verb method : {http::verb::post, http::verb::put, http::verb::delete_, http::verb::head}) {
    CHECK(TcpRequest(at, method, "/metrics").status == 405);
    CHECK(TcpRequest(at, method, "/healthz").status == 405);
  }
  // Parameters are refused exactly as on the socket.
  CHECK(TcpRequest(at, http::verb::get, "/metrics?x=1").status == 400);

  // The socket still serves the whole API; both count into one /metrics.
  CHECK(h.Get("/v1/status").status == 200);
  const std::string page = h.Get("/metrics").body;
  INFO(page);
  CHECK(page.find("mltrend_query_requests_total{path=\"other\",code=\"404\"} 8\n") != std::string::npos);
  CHECK(page.find("mltrend_query_requests_total{path=\"/healthz\",code=\"200\"} 1\n") != std::string::npos);
  CHECK(page.find("mltrend_query_requests_total{path=\"/metrics\",code=\"405\"} 5\n") != std::string::npos);
  CHECK(page.find("mltrend_query_requests_total{path=\"/healthz\",code=\"405\"} 4\n") != std::string::npos);
  CHECK(page.find("mltrend_query_requests_total{path=\"/metrics\",code=\"400\"} 1\n") != std::string::npos);
}

TEST_CASE("the metrics listener's 405 says Allow: GET and its 404 has no Allow") {
  server_test::Harness h;
  h.ListenScrape();
  h.Start();
  const std::string at = h.scrape->TcpAddress();
  for (const char* path : {"/metrics", "/healthz"}) {
    INFO(path);
    const TcpAnswer a = TcpRequest(at, http::verb::post, path);
    CHECK(a.status == 405);
    CHECK(a.allow == "GET");
    CHECK(a.body == std::string(R"({"error":"method_not_allowed","message":"only GET is supported on )") + path + "\"}");
  }
  CHECK(TcpRequest(at, http::verb::head, "/metrics").allow == "GET");
  // /v1/reload is POST in the table, but not a row the listener serves: 404, no Allow.
  const TcpAnswer reload = TcpRequest(at, http::verb::get, "/v1/reload");
  CHECK(reload.status == 404);
  CHECK(reload.allow.empty());
  CHECK(TcpRequest(at, http::verb::get, "/metrics").allow.empty());
}

TEST_CASE("a metrics listener address already in use is refused with the address and the reason") {
  server_test::Harness h;
  h.ListenScrape();
  const std::string at = h.scrape->TcpAddress();
  const uint16_t port = static_cast<uint16_t>(std::stoi(at.substr(at.rfind(':') + 1)));
  mltrendd::QueryServer second(h.io, *h.api, {}, mltrendd::Endpoints::kScrape);
  mltrend::Status s = second.ListenTcp("127.0.0.1", port);
  CHECK(s.message() == "cannot listen on " + at + " (metrics_listen): Address already in use");
  CHECK(second.TcpAddress().empty());
}
