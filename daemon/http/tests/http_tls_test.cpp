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
  ReplayServer server(TlsServer("server"));
  server.Add(Ok("/", "by address"));
  server.Start();
  BeastHttpClient client(TrustingTestCa(), nullptr);
  HttpResponse response;
  auto status = Fetch(client, "https://127.0.0.1:" + std::to_string(server.Port()) + "/", response);
  REQUIRE(status.ok());
  CHECK(response.body == "by address");
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
  ReplayServer server(TlsServer("wrong_name"));
  server.Add(Ok("/", "must not arrive"));
  server.Start();
  BeastHttpClient client(TrustingTestCa(), nullptr);
  HttpResponse response;
  auto status = Fetch(client, server.BaseUrl() + "/", response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == mltrend::StatusCode::kIoError);
  CHECK(Contains(status.message(), "hostname mismatch"));
  CHECK(Contains(status.message(), server.BaseUrl()));
  CHECK(server.Requests().empty());
  CHECK(response.body.empty());
}

TEST_CASE("a certificate from an unknown CA is refused", "[http][tls]") {
  ReplayServer server(TlsServer("self_signed"));
  server.Add(Ok("/", "must not arrive"));
  server.Start();
  BeastHttpClient client(TrustingTestCa(), nullptr);
  HttpResponse response;
  auto status = Fetch(client, server.BaseUrl() + "/", response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "TLS certificate of localhost rejected"));
  CHECK(server.Requests().empty());
}

TEST_CASE("the test CA is not trusted without ca_file", "[http][tls]") {
  ReplayServer server(TlsServer("server"));
  server.Add(Ok("/", "must not arrive"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = Fetch(client, server.BaseUrl() + "/", response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "rejected"));
  CHECK(server.Requests().empty());
}

TEST_CASE("verify_peer=false accepts an untrusted certificate", "[http][tls]") {
  ReplayServer server(TlsServer("self_signed"));
  server.Add(Ok("/", "unverified"));
  server.Start();
  auto options = LoopbackOptions();
  options.verify_peer = false;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  REQUIRE(Fetch(client, server.BaseUrl() + "/", response).ok());
  CHECK(response.body == "unverified");
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
