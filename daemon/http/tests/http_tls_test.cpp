//===----------------------------------------------------------------------===//
// mltrendd — http/tests/http_tls_test.cpp: HTTPS against the test CA
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "http_test_helpers.hpp"

using namespace http_test;
using mltrend::HttpRequest;
using mltrend::HttpResponse;
using mltrend_test::ReplayServer;
using mltrendd::BeastHttpClient;

namespace {

mltrendd::HttpClientOptions TrustingTestCa() {
  auto options = LoopbackOptions();
  options.ca_file = TlsFixture("ca.pem");
  return options;
}

mltrend::Status Fetch(BeastHttpClient& client, const std::string& url, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  return client.Send(request, response);
}

//! One GET of "/" from a TLS replay server presenting `cert` and answering
//! `body`, through a client with `options`; `by_ip` asks 127.0.0.1, not localhost.
struct TlsGet {
  mltrend::Status status;
  HttpResponse response;
  size_t requests = 0;   //!< how many reached the server
  std::string base_url;  //!< the server's, as the client asked it by name
};
TlsGet GetOverTls(const std::string& cert, const mltrendd::HttpClientOptions& options,
                  const std::string& body = "must not arrive", bool by_ip = false) {
  ReplayServer server(TlsServer(cert));
  server.Add(Ok("/", body));
  server.Start();
  BeastHttpClient client(options, nullptr);
  TlsGet get;
  get.base_url = server.BaseUrl();
  const std::string url = by_ip ? "https://127.0.0.1:" + std::to_string(server.Port()) + "/" : server.BaseUrl() + "/";
  get.status = Fetch(client, url, get.response);
  get.requests = server.Requests().size();
  return get;
}

}  // namespace

TEST_CASE("https succeeds when the server's CA is given as ca_file", "[http][tls]") {
  ReplayServer server(TlsServer("server"));
  server.Add(Ok("/secure?x=1", "over tls"));
  server.Start();
  REQUIRE(server.BaseUrl().rfind("https://localhost:", 0) == 0);
  BeastHttpClient client(TrustingTestCa(), nullptr);
  HttpResponse response;
  auto status = Fetch(client, server.BaseUrl() + "/secure?x=1", response);
  REQUIRE(status.ok());
  CHECK(response.status == 200);
  CHECK(response.body == "over tls");
  REQUIRE(server.Requests().size() == 1);
  CHECK(server.Requests()[0].Header("Host") == "localhost:" + std::to_string(server.Port()));
}

TEST_CASE("https to an IP literal is checked against the certificate's IP address", "[http][tls]") {
  TlsGet get = GetOverTls("server", TrustingTestCa(), "by address", /*by_ip=*/true);
  REQUIRE(get.status.ok());
  CHECK(get.response.body == "by address");
}

TEST_CASE("a gzip body over https is decoded", "[http][tls][gzip]") {
  ReplayServer server(TlsServer("server"));
  auto exchange = Ok("/z", std::string(50'000, 'a') + "end");
  exchange.gzip = true;
  server.Add(exchange);
  server.Start();
  BeastHttpClient client(TrustingTestCa(), nullptr);
  HttpResponse response;
  REQUIRE(Fetch(client, server.BaseUrl() + "/z", response).ok());
  CHECK(response.body == std::string(50'000, 'a') + "end");
}

TEST_CASE("a certificate for another host name is refused", "[http][tls]") {
  TlsGet get = GetOverTls("wrong_name", TrustingTestCa());
  REQUIRE_FALSE(get.status.ok());
  CHECK(get.status.code() == mltrend::StatusCode::kIoError);
  CHECK(Contains(get.status.message(), "hostname mismatch"));
  CHECK(Contains(get.status.message(), get.base_url));
  CHECK(get.requests == 0);
  CHECK(get.response.body.empty());
}

TEST_CASE("a certificate from an unknown CA is refused", "[http][tls]") {
  TlsGet get = GetOverTls("self_signed", TrustingTestCa());
  REQUIRE_FALSE(get.status.ok());
  CHECK(Contains(get.status.message(), "TLS certificate of localhost rejected"));
  CHECK(get.requests == 0);
}

TEST_CASE("the test CA is not trusted without ca_file", "[http][tls]") {
  TlsGet get = GetOverTls("server", LoopbackOptions());
  REQUIRE_FALSE(get.status.ok());
  CHECK(Contains(get.status.message(), "rejected"));
  CHECK(get.requests == 0);
}

TEST_CASE("verify_peer=false accepts an untrusted certificate", "[http][tls]") {
  auto options = LoopbackOptions();
  options.verify_peer = false;
  TlsGet get = GetOverTls("self_signed", options, "unverified");
  REQUIRE(get.status.ok());
  CHECK(get.response.body == "unverified");
}

TEST_CASE("an unreadable ca_file fails https requests with its path", "[http][tls]") {
  ReplayServer server(TlsServer("server"));
  server.Start();
  auto options = LoopbackOptions();
  options.ca_file = "/nonexistent/mltrend-ca.pem";
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = Fetch(client, server.BaseUrl() + "/", response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "/nonexistent/mltrend-ca.pem"));
  CHECK(server.Requests().empty());
}
