// The replay server features the github tests rely on (tests/replay):
// `when_header` exchanges and `{{now±N}}` header placeholders.
#include <catch2/catch.hpp>

#include <chrono>

#include "mltrend/cancel.hpp"
#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/http/http_client.hpp"

namespace {

mltrend::HttpResponse Fetch(const mltrend_test::ReplayServer& server, const std::string& target,
                            const std::string& if_none_match = "") {
  mltrend::CancelToken cancel;
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrend::HttpRequest request;
  request.url = server.BaseUrl() + target;
  if (!if_none_match.empty()) request.headers.Add("If-None-Match", if_none_match);
  mltrend::HttpResponse response;
  REQUIRE(http.Send(request, response).ok());
  return response;
}

long Now() {
  return static_cast<long>(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

}  // namespace

TEST_CASE("replay: a when_header exchange answers only its header value, without advancing the order") {
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "exchanges.jsonl",
                          R"({"target":"/p","body":"first","headers":[["ETag","W/\"e1\""]]})"
                          "\n"
                          R"({"target":"/p","status":304,"when_header":["If-None-Match","W/\"e1\""]})"
                          "\n"
                          R"({"target":"/p","body":"second","headers":[["X-RateLimit-Reset","{{now+900}}"],["X-Old","{{now-100}}"],["X-Keep","{{now+x}}"]]})"
                          "\n");
  mltrend_test::ReplayServer server;
  server.LoadDirectory(dir.path());
  server.Start();
  CHECK(Fetch(server, "/p", "W/\"e1\"").status == 304);
  CHECK(Fetch(server, "/p", "W/\"other\"").body == "first");
  CHECK(Fetch(server, "/p", "W/\"e1\"").status == 304);
  const long before = Now();
  mltrend::HttpResponse second = Fetch(server, "/p");
  const long after = Now();
  CHECK(second.body == "second");
  const long reset = std::stol(*second.headers.Get("x-ratelimit-reset"));
  CHECK(reset >= before + 900);
  CHECK(reset <= after + 900);
  CHECK(std::stol(*second.headers.Get("X-Old")) <= after - 100);
  CHECK(*second.headers.Get("X-Keep") == "{{now+x}}");
}

TEST_CASE("replay: a malformed when_header names its file and line") {
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "exchanges.jsonl", "{\"target\":\"/a\"}\n{\"target\":\"/p\",\"when_header\":\"x\"}\n");
  mltrend_test::ReplayServer server;
  try {
    server.LoadDirectory(dir.path());
    FAIL("LoadDirectory accepted a malformed when_header");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("line 2") != std::string::npos);
    CHECK(std::string(e.what()).find("when_header") != std::string::npos);
  }
}
