//===----------------------------------------------------------------------===//
// mltrendd — http/tests/http_stream_test.cpp
//===----------------------------------------------------------------------===//
// HttpRequest::on_body: bodies of any size reach the source chunk by chunk,
// against a real loopback server.
#include <catch2/catch.hpp>

#include "http_test_helpers.hpp"

using namespace http_test;
using mltrend::HttpRequest;
using mltrend::HttpResponse;
using mltrend::Status;
using mltrend::StatusCode;
using mltrend_test::Exchange;
using mltrend_test::ReplayServer;
using mltrendd::BeastHttpClient;

namespace {

//! Collects what on_body receives.
struct Collected {
  std::string bytes;
  size_t chunks = 0;
};

HttpRequest Streaming(const std::string& url, Collected& into) {
  HttpRequest request;
  request.url = url;
  request.on_body = [&into](std::string_view chunk) {
    into.bytes.append(chunk);
    ++into.chunks;
    return Status::Ok();
  };
  return request;
}

//! A body that compresses well but not trivially: JSON-ish lines.
std::string LinksBody(size_t n) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) {
    out += R"({"paper_url":"https://paperswithcode.com/paper/p)" + std::to_string(i) +
           R"(","repo_url":"https://github.com/o/r)" + std::to_string(i * 7919 % 100003) + R"(","framework":"pytorch"},)";
  }
  out.back() = ']';
  return out;
}

}  // namespace

TEST_CASE("a 2xx body far over max_body_bytes streams whole to on_body in chunks", "[http][stream]") {
  const std::string body = LinksBody(40'000);  // ~4.5 MB
  ReplayServer server;
  server.Add(Ok("/dump.json", body));
  server.Start();
  auto options = LoopbackOptions();
  options.max_body_bytes = 64 * 1024;
  BeastHttpClient client(options, nullptr);
  Collected got;
  HttpResponse response;
  auto status = client.Send(Streaming(server.BaseUrl() + "/dump.json", got), response);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(response.status == 200);
  CHECK(response.body.empty());
  CHECK(response.headers.Get("Content-Length") == std::optional<std::string>(std::to_string(body.size())));
  CHECK(got.bytes == body);
  CHECK(got.chunks > 1);
}

TEST_CASE("a gzip-encoded streamed body arrives decoded", "[http][stream][gzip]") {
  const std::string body = LinksBody(20'000);
  ReplayServer server;
  Exchange exchange = Ok("/dump.json", body);
  exchange.gzip = true;
  server.Add(exchange);
  server.Start();
  auto options = LoopbackOptions();
  options.max_body_bytes = 1000;
  BeastHttpClient client(options, nullptr);
  Collected got;
  HttpResponse response;
  REQUIRE(client.Send(Streaming(server.BaseUrl() + "/dump.json", got), response).ok());
  CHECK(response.headers.Get("Content-Encoding") == std::optional<std::string>("gzip"));
  CHECK(std::stoul(*response.headers.Get("Content-Length")) < body.size() / 4);
  CHECK(got.bytes == body);
}

TEST_CASE("a non-2xx answer keeps its body in the response and never calls on_body", "[http][stream]") {
  ReplayServer server;
  Exchange missing = Ok("/gone.json", R"({"error":"Not Found"})");
  missing.status = 404;
  server.Add(missing);
  server.Add(Redirect("/moved.json", 302, "/gone.json"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  for (const char* target : {"/gone.json", "/moved.json"}) {
    Collected got;
    HttpResponse response;
    REQUIRE(client.Send(Streaming(server.BaseUrl() + target, got), response).ok());
    CHECK(response.status == 404);
    CHECK(response.body == R"({"error":"Not Found"})");
    CHECK(got.chunks == 0);
  }
}

TEST_CASE("a redirect is followed and the final 2xx body streams", "[http][stream][redirect]") {
  ReplayServer server;
  server.Add(Redirect("/latest", 302, "/files/dump-v2.json"));
  server.Add(Ok("/files/dump-v2.json", LinksBody(100)));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  Collected got;
  HttpResponse response;
  REQUIRE(client.Send(Streaming(server.BaseUrl() + "/latest", got), response).ok());
  CHECK(response.url == server.BaseUrl() + "/files/dump-v2.json");
  CHECK(got.bytes == LinksBody(100));
}

TEST_CASE("an error from on_body stops the exchange with that error", "[http][stream]") {
  ReplayServer server;
  server.Add(Ok("/dump.json", LinksBody(20'000)));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpRequest request;
  request.url = server.BaseUrl() + "/dump.json";
  size_t calls = 0;
  request.on_body = [&calls](std::string_view) {
    ++calls;
    return Status::Invalid("object 12 of the dump: paper_url is a number");
  };
  HttpResponse response;
  auto status = client.Send(request, response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kInvalidInput);
  CHECK(Contains(status.message(), "object 12 of the dump: paper_url is a number"));
  CHECK(Contains(status.message(), server.BaseUrl() + "/dump.json"));
  CHECK(calls == 1);
}

TEST_CASE("a streamed body cut short is an error, not a short success", "[http][stream]") {
  ReplayServer server;
  Exchange cut = Ok("/cut.json", LinksBody(2'000));
  cut.behaviour = Exchange::Behaviour::kCloseEarly;
  server.Add(cut);
  Exchange cut_gzip = cut;
  cut_gzip.target = "/cut.json.gz";
  cut_gzip.gzip = true;
  server.Add(cut_gzip);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  for (const char* target : {"/cut.json", "/cut.json.gz"}) {
    INFO(target);
    Collected got;
    HttpResponse response;
    auto status = client.Send(Streaming(server.BaseUrl() + target, got), response);
    REQUIRE_FALSE(status.ok());
    CHECK(status.code() == StatusCode::kIoError);
    CHECK(Contains(status.message(), "truncated"));
    CHECK(got.bytes.size() < LinksBody(2'000).size());
  }
}

TEST_CASE("a streamed body outlives total_timeout while data keeps arriving", "[http][stream][timeout]") {
  // The same dribble that trips total_timeout on a buffered request.
  ReplayServer server;
  Exchange slow = Ok("/slow.json", std::string(30, 'x'));
  slow.behaviour = Exchange::Behaviour::kDribble;
  slow.dribble_interval = std::chrono::milliseconds(20);
  server.Add(slow);
  server.Start();
  auto options = LoopbackOptions();
  options.total_timeout = std::chrono::milliseconds(200);
  BeastHttpClient client(options, nullptr);
  Collected got;
  HttpResponse response;
  auto status = client.Send(Streaming(server.BaseUrl() + "/slow.json", got), response);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(got.bytes == std::string(30, 'x'));
  HttpRequest buffered;
  buffered.url = server.BaseUrl() + "/slow.json";
  auto timed_out = client.Send(buffered, response);
  REQUIRE_FALSE(timed_out.ok());
  CHECK(Contains(timed_out.message(), "total_timeout"));
}
