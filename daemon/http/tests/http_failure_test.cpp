//===----------------------------------------------------------------------===//
// mltrendd — http/tests/http_failure_test.cpp: servers that misbehave
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include <thread>

#include "http_test_helpers.hpp"

using namespace http_test;
using mltrend::HttpRequest;
using mltrend::HttpResponse;
using mltrend::StatusCode;
using mltrend_test::Exchange;
using mltrend_test::ReplayServer;
using mltrendd::BeastHttpClient;

namespace {

Exchange Misbehaving(std::string target, Exchange::Behaviour behaviour, std::string body = "payload") {
  Exchange exchange = Ok(std::move(target), std::move(body));
  exchange.behaviour = behaviour;
  return exchange;
}

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Authorization", "Bearer hf_do_not_log_me");
  return request;
}

}  // namespace

TEST_CASE("a server that never answers trips read_timeout", "[http][timeout]") {
  ReplayServer server;
  server.Add(Misbehaving("/silent", Exchange::Behaviour::kNeverAnswer));
  server.Start();
  auto options = LoopbackOptions();
  options.read_timeout = 300ms;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/silent"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kIoError);
  CHECK(Contains(status.message(), "read_timeout (300 ms)"));
  CHECK(Contains(status.message(), server.BaseUrl() + "/silent"));
  CHECK_FALSE(Contains(status.message(), "hf_do_not_log_me"));
  CHECK(server.RequestCount("/silent") == 1);
}

TEST_CASE("a server that never answers trips total_timeout when that comes first", "[http][timeout]") {
  ReplayServer server;
  server.Add(Misbehaving("/silent", Exchange::Behaviour::kNeverAnswer));
  server.Start();
  auto options = LoopbackOptions();
  options.total_timeout = 300ms;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/silent"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "total_timeout (300 ms)"));
}

TEST_CASE("a dribbling server trips total_timeout though each byte beats read_timeout", "[http][timeout]") {
  ReplayServer server;
  Exchange slow = Misbehaving("/slow", Exchange::Behaviour::kDribble, std::string(2000, 'd'));
  slow.dribble_interval = 10ms;
  server.Add(slow);
  server.Start();
  auto options = LoopbackOptions();
  options.read_timeout = 10s;
  options.total_timeout = 300ms;
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/slow"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kIoError);
  CHECK(Contains(status.message(), "total_timeout (300 ms)"));
  CHECK(Contains(status.message(), server.BaseUrl() + "/slow"));
}

TEST_CASE("a dribbled response that completes in time is whole", "[http]") {
  ReplayServer server;
  Exchange slow = Misbehaving("/trickle", Exchange::Behaviour::kDribble, "tiny");
  slow.dribble_interval = 1ms;
  server.Add(slow);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  REQUIRE(client.Send(Get(server.BaseUrl() + "/trickle"), response).ok());
  CHECK(response.status == 200);
  CHECK(response.body == "tiny");
}

TEST_CASE("a connection closed mid-body is reported as truncated", "[http]") {
  ReplayServer server;
  server.Add(Misbehaving("/cut", Exchange::Behaviour::kCloseEarly, std::string(10'000, 'c')));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/cut"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kIoError);
  CHECK(Contains(status.message(), "truncated"));
  CHECK(Contains(status.message(), server.BaseUrl() + "/cut"));
  CHECK(response.body.empty());
}

TEST_CASE("a TLS connection closed mid-body is reported as truncated", "[http][tls]") {
  ReplayServer server(TlsServer("server"));
  server.Add(Misbehaving("/cut", Exchange::Behaviour::kCloseEarly, std::string(10'000, 'c')));
  server.Start();
  auto options = LoopbackOptions();
  options.ca_file = TlsFixture("ca.pem");
  BeastHttpClient client(options, nullptr);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/cut"), response);
  REQUIRE_FALSE(status.ok());
  CHECK(Contains(status.message(), "truncated"));
}

TEST_CASE("cancelling aborts a request in flight", "[http][cancel]") {
  ReplayServer server;
  server.Add(Misbehaving("/hang", Exchange::Behaviour::kNeverAnswer));
  server.Start();
  mltrend::CancelToken token;
  // Timeouts far beyond the test's life: only the token can end this request.
  auto options = LoopbackOptions();
  options.read_timeout = 1h;
  options.total_timeout = 1h;
  BeastHttpClient client(options, &token);
  mltrend::Status status;
  HttpResponse response;
  std::thread worker([&] { status = client.Send(Get(server.BaseUrl() + "/hang"), response); });
  bool arrived = server.WaitForRequests(1, 30s);
  token.Cancel();
  worker.join();
  REQUIRE(arrived);
  CHECK(status.code() == StatusCode::kCancelled);
  CHECK(Contains(status.message(), server.BaseUrl() + "/hang"));
  CHECK_FALSE(Contains(status.message(), "hf_do_not_log_me"));
}

TEST_CASE("a request on an already cancelled token never reaches the server", "[http][cancel]") {
  ReplayServer server;
  server.Add(Ok("/never", "x"));
  server.Start();
  mltrend::CancelToken token;
  token.Cancel();
  BeastHttpClient client(LoopbackOptions(), &token);
  HttpResponse response;
  auto status = client.Send(Get(server.BaseUrl() + "/never"), response);
  CHECK(status.code() == StatusCode::kCancelled);
  CHECK(server.Requests().empty());
}

TEST_CASE("a refused connection is an error naming the URL", "[http]") {
  std::string url;
  {
    ReplayServer closed;
    closed.Start();
    url = closed.BaseUrl() + "/gone";
  }  // stopped: nothing listens on that port any more
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response;
  auto status = client.Send(Get(url), response);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kIoError);
  CHECK(Contains(status.message(), url));
  CHECK(Contains(status.message(), "cannot connect"));
  CHECK_FALSE(Contains(status.message(), "hf_do_not_log_me"));
}
