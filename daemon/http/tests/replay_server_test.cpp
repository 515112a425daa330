//===----------------------------------------------------------------------===//
// mltrendd — http/tests/replay_server_test.cpp: the replay server itself
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <csignal>
#include <thread>

#include "http_test_helpers.hpp"
#include "mltrend_test/process.hpp"

using namespace http_test;
using mltrend::HttpRequest;
using mltrend::HttpResponse;
using mltrend_test::Exchange;
using mltrend_test::ReplayServer;
using mltrend_test::TempDir;
using mltrend_test::WriteFile;
using mltrendd::BeastHttpClient;

namespace {

HttpResponse MustGet(BeastHttpClient& client, const std::string& url) {
  HttpRequest request;
  request.url = url;
  HttpResponse response;
  auto status = client.Send(request, response);
  INFO(status.message());
  REQUIRE(status.ok());
  return response;
}

// Waits for `name` to appear in `dir` by rename (how mltrend-replay publishes
// its port file), on inotify events rather than polling with sleeps.
bool WaitForRenameInto(const std::filesystem::path& dir, const std::string& name, std::chrono::milliseconds deadline) {
  int fd = inotify_init1(IN_CLOEXEC);
  if (fd < 0) return false;
  bool found = false;
  if (inotify_add_watch(fd, dir.c_str(), IN_MOVED_TO) >= 0) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!(found = std::filesystem::exists(dir / name))) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd pfd{fd, POLLIN, 0};
      if (poll(&pfd, 1, static_cast<int>(left.count())) > 0) {
        char events[4096];
        [[maybe_unused]] auto n = read(fd, events, sizeof events);
      }
    }
  }
  close(fd);
  return found;
}

}  // namespace

TEST_CASE("LoadDirectory serves exchanges.jsonl with {{base_url}} substituted", "[replay]") {
  TempDir dir;
  WriteFile(dir / "page2.json", R"([{"id":"second"}])");
  WriteFile(dir / "exchanges.jsonl",
            R"({"method":"GET","target":"/api/models?limit=1","status":200,"headers":[["Content-Type","application/json"],["Link","<{{base_url}}/api/models?cursor=abc>; rel=\"next\""]],"body":"[{\"id\":\"first\",\"self\":\"{{base_url}}/m/first\"}]"})"
            "\n\n"
            R"({"target":"/api/models?cursor=abc","body_file":"page2.json","gzip":true})"
            "\n"
            R"({"target":"/slow","behaviour":"dribble","dribble_interval_ms":1,"body":"ok"})"
            "\n");
  ReplayServer server;
  server.LoadDirectory(dir.path());
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);

  HttpResponse first = MustGet(client, server.BaseUrl() + "/api/models?limit=1");
  CHECK(first.status == 200);
  CHECK(first.body == R"([{"id":"first","self":")" + server.BaseUrl() + R"(/m/first"}])");
  auto next = mltrend::LinkNext(*first.headers.Get("Link"));
  REQUIRE(next);
  CHECK(*next == server.BaseUrl() + "/api/models?cursor=abc");

  HttpResponse second = MustGet(client, *next);
  CHECK(second.body == R"([{"id":"second"}])");
  CHECK(second.headers.Get("Content-Encoding") == std::optional<std::string>("gzip"));
  CHECK(MustGet(client, server.BaseUrl() + "/slow").body == "ok");
}

TEST_CASE("LoadDirectory names the file and line of a malformed entry", "[replay]") {
  TempDir dir;
  WriteFile(dir / "exchanges.jsonl", "{\"target\":\"/ok\"}\n{\"target\":\"/x\",\"status\":\"two hundred\"}\n");
  ReplayServer server;
  CHECK_THROWS_WITH(server.LoadDirectory(dir.path()), Catch::Contains("exchanges.jsonl line 2") &&
                                                          Catch::Contains("\"status\" is not an integer"));
  WriteFile(dir / "exchanges.jsonl", "{\"status\":200}\n");
  CHECK_THROWS_WITH(server.LoadDirectory(dir.path()), Catch::Contains("line 1: has no \"target\""));
}

TEST_CASE("exchanges for one target are served in order, the last repeating", "[replay]") {
  ReplayServer server;
  server.Add(Ok("/page", "one"));
  server.Add(Ok("/page", "two"));
  Exchange limited = Ok("/page", "slow down");
  limited.status = 429;
  limited.headers = {{"Retry-After", "7"}};
  server.Add(limited);
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  CHECK(MustGet(client, server.BaseUrl() + "/page").body == "one");
  CHECK(MustGet(client, server.BaseUrl() + "/page").body == "two");
  HttpResponse third = MustGet(client, server.BaseUrl() + "/page");
  CHECK(third.status == 429);
  CHECK(third.headers.Get("retry-after") == std::optional<std::string>("7"));
  CHECK(MustGet(client, server.BaseUrl() + "/page").status == 429);
  CHECK(server.RequestCount("/page") == 4);
}

namespace {

HttpResponse GetRange(BeastHttpClient& client, const std::string& url, const std::string& range) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Range", range);
  HttpResponse response;
  auto status = client.Send(request, response);
  INFO(status.message());
  REQUIRE(status.ok());
  return response;
}

}  // namespace

TEST_CASE("a 200 body file is served by single byte ranges: 206 with Content-Range, 416 past the end",
          "[replay][range]") {
  TempDir dir;
  // Binary on purpose: a safetensors prefix starts with a little-endian length full of NULs.
  const std::string bytes("\x05\0\0\0\0\0\0\0{\"a\":1}tail", 19);
  WriteFile(dir / "blob.bin", bytes);
  WriteFile(dir / "exchanges.jsonl",
            R"({"target":"/f","headers":[["Content-Type","application/octet-stream"]],"body_file":"blob.bin","gzip":true})"
            "\n");
  ReplayServer server;
  server.LoadDirectory(dir.path());
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  const std::string url = server.BaseUrl() + "/f";

  HttpResponse head = GetRange(client, url, "bytes=0-7");
  CHECK(head.status == 206);
  CHECK(head.body == bytes.substr(0, 8));
  CHECK(head.headers.Get("Content-Range") == std::optional<std::string>("bytes 0-7/19"));
  CHECK(!head.headers.Get("Content-Encoding"));  // a range is never gzipped
  CHECK(head.headers.Get("Content-Type") == std::optional<std::string>("application/octet-stream"));

  HttpResponse middle = GetRange(client, url, "bytes=8-14");
  CHECK(middle.status == 206);
  CHECK(middle.body == "{\"a\":1}");
  CHECK(middle.headers.Get("Content-Range") == std::optional<std::string>("bytes 8-14/19"));

  HttpResponse clipped = GetRange(client, url, "bytes=15-100");
  CHECK(clipped.status == 206);
  CHECK(clipped.body == "tail");
  CHECK(clipped.headers.Get("Content-Range") == std::optional<std::string>("bytes 15-18/19"));

  HttpResponse open_ended = GetRange(client, url, "bytes=14-");
  CHECK(open_ended.body == "}tail");
  HttpResponse suffix = GetRange(client, url, "bytes=-3");
  CHECK(suffix.body == "ail");
  CHECK(suffix.headers.Get("Content-Range") == std::optional<std::string>("bytes 16-18/19"));

  HttpResponse past = GetRange(client, url, "bytes=19-20");
  CHECK(past.status == 416);
  CHECK(past.body.empty());
  CHECK(past.headers.Get("Content-Range") == std::optional<std::string>("bytes */19"));

  // Several ranges, another unit or a malformed value: ignored, the whole body.
  for (const char* ignored : {"bytes=0-1,4-5", "items=0-1", "bytes=5-2", "bytes=x-3"}) {
    HttpResponse whole = GetRange(client, url, ignored);
    INFO(ignored);
    CHECK(whole.status == 200);
    CHECK(whole.body == bytes);
  }
  CHECK(MustGet(client, url).body == bytes);
}

TEST_CASE("a redirect to another server keeps the Range header", "[replay][range]") {
  ReplayServer cdn;
  cdn.Add(Ok("/blob", "0123456789"));
  cdn.Start();
  ReplayServer hub;
  hub.Add(Redirect("/org/m/resolve/abc/model.safetensors", 302, cdn.BaseUrl() + "/blob"));
  hub.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response = GetRange(client, hub.BaseUrl() + "/org/m/resolve/abc/model.safetensors", "bytes=2-4");
  CHECK(response.status == 206);
  CHECK(response.body == "234");
  REQUIRE(cdn.Requests().size() == 1);
  CHECK(cdn.Requests()[0].Header("Range") == "bytes=2-4");
  CHECK(hub.Requests()[0].Header("Range") == "bytes=2-4");
}

TEST_CASE("an unknown target gets a 404 JSON error and is still recorded", "[replay]") {
  ReplayServer server;
  server.Add(Ok("/known", "k"));
  server.Start();
  BeastHttpClient client(LoopbackOptions(), nullptr);
  HttpResponse response = MustGet(client, server.BaseUrl() + "/unknown?q=1");
  CHECK(response.status == 404);
  CHECK(response.body == R"({"error":"no recorded exchange for GET /unknown?q=1"})");
  CHECK(server.RequestCount("/unknown?q=1") == 1);
  CHECK(server.RequestCount("/known") == 0);
}

TEST_CASE("many concurrent clients are all served", "[replay]") {
  ReplayServer server;
  server.Add(Ok("/shared", "same for all"));
  server.Start();
  constexpr int kThreads = 6;
  constexpr int kRequestsEach = 5;
  std::vector<int> ok_count(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      BeastHttpClient client(LoopbackOptions(), nullptr);
      for (int i = 0; i < kRequestsEach; ++i) {
        HttpRequest request;
        request.url = server.BaseUrl() + "/shared";
        HttpResponse response;
        if (client.Send(request, response).ok() && response.body == "same for all") ++ok_count[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) CHECK(ok_count[t] == kRequestsEach);
  CHECK(server.WaitForRequests(kThreads * kRequestsEach, 30s));
  CHECK(server.RequestCount("/shared") == kThreads * kRequestsEach);
  CHECK_FALSE(server.WaitForRequests(kThreads * kRequestsEach + 1, 1ms));
}

TEST_CASE("a keep-alive client gets several responses on one connection", "[replay]") {
  namespace http = boost::beast::http;
  ReplayServer server;
  server.Add(Ok("/a", "first"));
  server.Add(Ok("/b", "second"));
  server.Start();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  boost::asio::ip::tcp::resolver resolver(ioc);
  boost::asio::connect(socket, resolver.resolve("127.0.0.1", std::to_string(server.Port())));
  boost::beast::flat_buffer buffer;
  for (auto [target, body] : {std::pair{"/a", "first"}, std::pair{"/b", "second"}}) {
    http::request<http::string_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(socket, request);
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    CHECK(response.body() == body);
    CHECK(response.keep_alive());
  }
  CHECK(server.Requests().size() == 2);
}

TEST_CASE("mltrend-replay serves a directory, publishes its port and stops on SIGTERM", "[replay][exe]") {
  TempDir dir;
  WriteFile(dir / "exchanges.jsonl", R"({"target":"/hello","body":"from {{base_url}}"})"
                                     "\n");
  std::filesystem::path port_file = dir / "port";
  mltrend_test::ChildProcess child({mltrend_test::BuildPath("bin/mltrend-replay").string(), "--dir",
                                    dir.path().string(), "--port-file", port_file.string()});
  REQUIRE(WaitForRenameInto(dir.path(), "port", 60s));
  std::string port = mltrend_test::ReadFile(port_file);
  port.erase(port.find_last_not_of("\n") + 1);
  std::string base = "http://127.0.0.1:" + port;
  BeastHttpClient client(LoopbackOptions(), nullptr);
  CHECK(MustGet(client, base + "/hello").body == "from " + base);
  child.Signal(SIGTERM);
  CHECK(child.Wait(60s) == 0);
  CHECK(Contains(child.Stdout(), "listening on " + base));
}

TEST_CASE("mltrend-replay refuses a missing --dir with usage", "[replay][exe]") {
  std::string out;
  int code = mltrend_test::RunCommand({mltrend_test::BuildPath("bin/mltrend-replay").string(), "--port", "0"}, out);
  CHECK(code == 2);
}
