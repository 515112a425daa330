//===----------------------------------------------------------------------===//
// mltrendd — http/tests/http_client_test.cpp: plain-HTTP exchanges
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "http_test_helpers.hpp"

using namespace http_test;
using mltrend::HttpRequest;
using mltrend::HttpResponse;
using mltrend_test::Exchange;
using mltrend_test::ReplayServer;
using mltrendd::BeastHttpClient;

namespace {

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

}  // namespace

TEST_CASE("a 200 response arrives with its body and mixed-case headers", "[http]") {
  ReplayServer server;
  Exchange exchange = Ok("/api/models?limit=2", R"([{"id":"a"},{"id":"b"}])");
  exchange.headers = {{"Content-Type", "application/json"}, {"X-RateLimit-Remaining", "42"}, {"etag", "\"v1\""}};
  server.Add(exchange);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpRequest request = Get(server.BaseUrl() + "/api/models?limit=2");
  request.headers.Add("Authorization", "Bearer hf_test_token");
  request.headers.Add("If-None-Match", "\"v0\"");
  HttpResponse response;
  auto status = client.Send(request, response);
  REQUIRE(status.ok());
  CHECK(response.status == 200);
  CHECK(response.body == R"([{"id":"a"},{"id":"b"}])");
  CHECK(response.url == server.BaseUrl() + "/api/models?limit=2");
  CHECK(response.headers.Get("x-ratelimit-remaining") == std::optional<std::string>("42"));
  CHECK(response.headers.Get("ETag") == std::optional<std::string>("\"v1\""));
  bool original_case_kept = false;
  for (const auto& [name, value] : response.headers.Items()) original_case_kept |= name == "X-RateLimit-Remaining";
  CHECK(original_case_kept);

  auto requests = server.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].Header("user-agent") == "mltrend/" + std::string(MLTREND_TEST_VERSION));
  CHECK(Contains(requests[0].Header("Accept-Encoding"), "gzip"));
  CHECK(requests[0].Header("Host") == "127.0.0.1:" + std::to_string(server.Port()));
  CHECK(requests[0].Header("Authorization") == "Bearer hf_test_token");
  CHECK(requests[0].Header("If-None-Match") == "\"v0\"");
}

TEST_CASE("a configured User-Agent replaces the default", "[http]") {
  ReplayServer server;
  server.Add(Ok("/", "ok"));
  server.Start();
  auto options = LoopbackOptions();
  options.user_agent = "mltrend-test/1 (+tests)";
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/"), response).ok());
  REQUIRE(server.Requests().size() == 1);
  CHECK(server.Requests()[0].Header("User-Agent") == "mltrend-test/1 (+tests)");
}

TEST_CASE("a 404 is a successful exchange carrying the server's body", "[http]") {
  ReplayServer server;
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/api/missing"), response);
  REQUIRE(status.ok());
  CHECK(response.status == 404);
  CHECK(Contains(response.body, "no recorded exchange for GET /api/missing"));
  CHECK(response.headers.Get("content-type") == std::optional<std::string>("application/json"));
}

TEST_CASE("a relative redirect is followed on the same server", "[http][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/old/page?x=1", 302, "/new/page?x=1"));
  server.Add(Ok("/new/page?x=1", "moved here"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/old/page?x=1"), response).ok());
  CHECK(response.status == 200);
  CHECK(response.body == "moved here");
  CHECK(response.url == server.BaseUrl() + "/new/page?x=1");
  CHECK(server.RequestCount("/old/page?x=1") == 1);
  CHECK(server.RequestCount("/new/page?x=1") == 1);
}

TEST_CASE("a path-relative redirect resolves against the current directory", "[http][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/a/b/c", 307, "d?page=2"));
  server.Add(Ok("/a/b/d?page=2", "sibling"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/a/b/c"), response).ok());
  CHECK(response.body == "sibling");
}

TEST_CASE("an absolute redirect to another server is followed without the Authorization header",
          "[http][redirect]") {
  ReplayServer target;
  target.Add(Ok("/landing", "other host"));
  target.Start();
  ReplayServer origin;
  origin.Add(Redirect("/start", 301, target.BaseUrl() + "/landing"));
  origin.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpRequest request = Get(origin.BaseUrl() + "/start");
  request.headers.Add("Authorization", "Bearer ghp_secret_value");
  request.headers.Add("Accept", "application/json");
  HttpResponse response;
  REQUIRE(client.Send(request, response).ok());
  CHECK(response.body == "other host");
  CHECK(response.url == target.BaseUrl() + "/landing");
  REQUIRE(origin.Requests().size() == 1);
  CHECK(origin.Requests()[0].Header("Authorization") == "Bearer ghp_secret_value");
  REQUIRE(target.Requests().size() == 1);
  CHECK(target.Requests()[0].Header("Authorization").empty());
  CHECK(target.Requests()[0].Header("Accept") == "application/json");
}

TEST_CASE("a {{base_url}} Location redirects back to the replay server", "[http][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/r", 308, "{{base_url}}/final"));
  server.Add(Ok("/final", "done"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/r"), response).ok());
  CHECK(response.body == "done");
}

TEST_CASE("a 303 after a POST is fetched with GET and no body", "[http][redirect]") {
  ReplayServer server;
  Exchange created = Redirect("/submit", 303, "/result");
  created.method = "POST";
  server.Add(created);
  server.Add(Ok("/result", "see other"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpRequest request = Get(server.BaseUrl() + "/submit");
  request.method = "POST";
  request.body = R"({"q":1})";
  request.headers.Add("Content-Type", "application/json");
  HttpResponse response;
  REQUIRE(client.Send(request, response).ok());
  CHECK(response.body == "see other");
  auto requests = server.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].Header("Content-Length") == "7");
  CHECK(requests[1].method == "GET");
  CHECK(requests[1].Header("Content-Type").empty());
}

TEST_CASE("a redirect loop is refused with an error naming the redirect limit", "[http][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/ping", 302, "/pong"));
  server.Add(Redirect("/pong", 302, "/ping"));
  server.Start();
  auto options = LoopbackOptions();
  options.max_redirects = 3;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/ping"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == mltrend::StatusCode::kIoError);
  CHECK(Contains(status.message(), "max_redirects (3)"));
  CHECK(Contains(status.message(), server.BaseUrl()));
  CHECK(server.Requests().size() == 4);
  CHECK(response.status == 0);
}

TEST_CASE("a redirect to an unsupported scheme is refused", "[http][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/ftp", 302, "ftp://files.example/x"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/ftp"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "ftp://files.example/x"));
}

TEST_CASE("a gzip body is decoded", "[http][gzip]") {
  std::string json;
  for (int i = 0; i < 2000; ++i) json += R"({"id":"model-)" + std::to_string(i) + R"(","library_name":"pytorch"},)";
  ReplayServer server;
  Exchange exchange = Ok("/big", json);
  exchange.gzip = true;
  server.Add(exchange);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/big"), response).ok());
  CHECK(response.headers.Get("Content-Encoding") == std::optional<std::string>("gzip"));
  CHECK(std::stoul(*response.headers.Get("Content-Length")) < json.size());
  CHECK(response.body == json);
}

TEST_CASE("a body over max_body_bytes is refused", "[http][limits]") {
  ReplayServer server;
  server.Add(Ok("/huge", std::string(5000, 'x')));
  server.Start();
  auto options = LoopbackOptions();
  options.max_body_bytes = 1000;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/huge"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "max_body_bytes (1000 bytes)"));
  CHECK(Contains(status.message(), server.BaseUrl() + "/huge"));
}

TEST_CASE("a gzip body that inflates past max_body_bytes is refused", "[http][limits][gzip]") {
  ReplayServer server;
  Exchange bomb = Ok("/bomb", std::string(200'000, '0'));
  bomb.gzip = true;
  server.Add(bomb);
  server.Start();
  auto options = LoopbackOptions();
  options.max_body_bytes = 10'000;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/bomb"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "decompressed body exceeds max_body_bytes"));
}

TEST_CASE("a HEAD response has headers and no body", "[http]") {
  ReplayServer server;
  Exchange head = Ok("/h", "");
  head.method = "HEAD";
  head.headers = {{"X-Total-Count", "17"}};
  server.Add(head);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpRequest request = Get(server.BaseUrl() + "/h");
  request.method = "HEAD";
  HttpResponse response;
  REQUIRE(client.Send(request, response).ok());
  CHECK(response.status == 200);
  CHECK(response.headers.Get("X-Total-Count") == std::optional<std::string>("17"));
  CHECK(response.body.empty());
}

TEST_CASE("an invalid URL is refused before any connection", "[http]") {
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = client.Send(Get("file:///etc/passwd"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(Contains(status.message(), "file:///etc/passwd"));
}
