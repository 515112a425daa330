// The route table (server/routes.hpp): what it dispatches, the 405 with
// Allow and the 400 it derives, and the OpenAPI paths it writes.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <map>
#include <set>

#include "mltrendd/server/routes.hpp"
#include "server_harness.hpp"

namespace {

using Methods = std::map<std::string, std::set<std::string>>;

//! Each path of /v1/openapi.json with its operations' methods ("get").
Methods DocumentMethods(const mltrendd::Api& api) {
  const mltrendd::ApiAnswer answer = api.Handle("GET", "/v1/openapi.json");
  REQUIRE(answer.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(answer.body).get(doc) == simdjson::SUCCESS);
  Methods out;
  simdjson::dom::object paths;
  REQUIRE(doc["paths"].get(paths) == simdjson::SUCCESS);
  for (auto [path, operations_element] : paths) {
    simdjson::dom::object operations;
    REQUIRE(operations_element.get(operations) == simdjson::SUCCESS);
    for (auto [method, operation] : operations) {
      out[std::string(path)].insert(std::string(method));
      // Each operation answers 400 and 405 as the table's lookup does.
      CHECK(operation["responses"]["400"].error() == simdjson::SUCCESS);
      CHECK(operation["responses"]["405"].error() == simdjson::SUCCESS);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every table route is in /v1/openapi.json with its methods and no other built-in path is") {
  server_test::Harness h;  // no sinks: the document is the table's alone
  const Methods document = DocumentMethods(*h.api);
  const Methods expected = {
      {"/metrics", {"get"}},
      {"/healthz", {"get"}},
      {"/v1/sources", {"get"}},
      {"/v1/plugins", {"get"}},
      {"/v1/status", {"get"}},
      {"/v1/openapi.json", {"get"}},
      {"/v1/reload", {"post"}},
      {"/v1/sources/{name}/unquarantine", {"post"}},
      {"/v1/sinks/{name}/unquarantine", {"post"}},
  };
  CHECK(document == expected);
  Methods table;
  for (const mltrendd::Route& row : mltrendd::Routes()) {
    std::string method(row.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    table[std::string(row.path)].insert(method);
  }
  CHECK(table == expected);
}

TEST_CASE("a 405 names the path's methods in Allow and an unknown path is 404 without one") {
  server_test::Harness h;
  const mltrendd::Api& api = *h.api;
  mltrendd::ApiAnswer a = api.Handle("POST", "/v1/status");
  CHECK(a.status == 405);
  CHECK(a.allow == "GET");
  CHECK(a.body == R"({"error":"method_not_allowed","message":"only GET is supported on /v1/status"})");
  a = api.Handle("GET", "/v1/reload");
  CHECK(a.status == 405);
  CHECK(a.allow == "POST");
  CHECK(a.body == R"({"error":"method_not_allowed","message":"only POST is supported on /v1/reload"})");
  a = api.Handle("DELETE", "/v1/sinks/trends/unquarantine?x=1");
  CHECK(a.status == 405);
  CHECK(a.allow == "POST");
  CHECK(a.body ==
        R"({"error":"method_not_allowed","message":"only POST is supported on /v1/sinks/trends/unquarantine"})");
  a = api.Handle("POST", "/nope");
  CHECK(a.status == 404);
  CHECK(a.allow.empty());
  CHECK(a.body == R"({"error":"not_found","message":"no such endpoint: /nope"})");
  // A name is one segment: two are no route at all.
  a = api.Handle("POST", "/v1/sources/a/b/unquarantine");
  CHECK(a.status == 404);
  CHECK(a.allow.empty());

  // On the wire, as the Allow header.
  h.Start();
  auto wire = h.Exchange(server_test::http::verb::put, "/healthz");
  CHECK(wire.result_int() == 405);
  CHECK(wire[server_test::http::field::allow] == "GET");
  wire = h.Exchange(server_test::http::verb::get, "/v1/sources/hf/unquarantine");
  CHECK(wire.result_int() == 405);
  CHECK(wire[server_test::http::field::allow] == "POST");
  wire = h.Exchange(server_test::http::verb::get, "/v1/status");
  CHECK(wire.result_int() == 200);
  CHECK(wire.count(server_test::http::field::allow) == 0);
}

TEST_CASE("a parameter a route does not accept is a 400 naming it and the path") {
  int reloads = 0;
  std::vector<std::string> cleared;
  server_test::Harness h([&](mltrendd::ApiModel& m) {
    m.reload_now = [&] {
      ++reloads;
      return mltrend::Status::Ok();
    };
    m.unquarantine = [&](std::string_view kind, const std::string& name) {
      cleared.push_back(std::string(kind) + " " + name);
      return mltrend::Status::Ok();
    };
  });
  const mltrendd::Api& api = *h.api;
  mltrendd::ApiAnswer a = api.Handle("GET", "/v1/plugins?verbose=1");
  CHECK(a.status == 400);
  CHECK(a.body ==
        R"({"error":"bad_parameter","message":"parameter 'verbose' is not accepted by /v1/plugins","parameter":"verbose"})");
  // The first in name order, when there are several.
  a = api.Handle("GET", "/healthz?z=1&b=2");
  CHECK(a.body == R"({"error":"bad_parameter","message":"parameter 'b' is not accepted by /healthz","parameter":"b"})");
  // A POST is refused before it changes anything.
  a = api.Handle("POST", "/v1/reload?now=1");
  CHECK(a.status == 400);
  CHECK(a.body == R"({"error":"bad_parameter","message":"parameter 'now' is not accepted by /v1/reload","parameter":"now"})");
  CHECK(reloads == 0);
  a = api.Handle("POST", "/v1/sources/hf/unquarantine?force=1");
  CHECK(a.status == 400);
  CHECK(a.body == R"({"error":"bad_parameter","message":"parameter 'force' is not accepted by )"
                  R"(/v1/sources/hf/unquarantine","parameter":"force"})");
  CHECK(cleared.empty());
  // Without one, the handler runs, with the {name} segment.
  a = api.Handle("POST", "/v1/sources/hf/unquarantine");
  CHECK(a.status == 200);
  CHECK(a.body == R"({"kind":"source","name":"hf","consecutive_deaths":0,"quarantine":null})");
  CHECK(api.Handle("POST", "/v1/reload").status == 200);
  CHECK(reloads == 1);
  CHECK(cleared == std::vector<std::string>{"source hf"});
}

TEST_CASE("MatchRoute: a pattern's name segment, the Allow list and the metrics listener's rows") {
  mltrendd::RouteMatch m = mltrendd::MatchRoute("POST", "/v1/sinks/trends/unquarantine");
  REQUIRE(m.route != nullptr);
  CHECK(m.path == "/v1/sinks/{name}/unquarantine");
  CHECK(m.name == "trends");
  CHECK(m.allow == "POST");
  m = mltrendd::MatchRoute("GET", "/v1/sinks/trends/unquarantine");
  CHECK(m.route == nullptr);
  CHECK(m.allow == "POST");
  m = mltrendd::MatchRoute("GET", "/v1/sinks/unquarantine");
  CHECK(m.path.empty());
  CHECK(m.allow.empty());
  m = mltrendd::MatchRoute("GET", "/metrics", /*scrape_only=*/true);
  REQUIRE(m.route != nullptr);
  CHECK(m.route->path == "/metrics");
  CHECK(mltrendd::MatchRoute("GET", "/healthz", true).allow == "GET");
  CHECK(mltrendd::MatchRoute("GET", "/v1/status", true).path.empty());
  CHECK(mltrendd::MatchRoute("POST", "/v1/reload", true).path.empty());
  std::vector<std::string_view> scraped;
  for (const mltrendd::Route& row : mltrendd::Routes()) {
    if (row.scrape) scraped.push_back(row.path);
  }
  CHECK(scraped == std::vector<std::string_view>{"/metrics", "/healthz"});
}
