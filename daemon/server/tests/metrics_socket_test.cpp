#include <catch2/catch.hpp>


#include "metrics_parse.hpp"
#include "server_harness.hpp"

using metrics_test::CheckExposition;
using metrics_test::SampleValue;

namespace {

namespace http = boost::beast::http;

//! The shared harness, listening and serving from construction.
struct Harness : server_test::Harness {
  Harness() { Start(); }
};

}  // namespace

TEST_CASE("GET /metrics over the socket: content type, query counts by path, unknown paths as \"other\"") {
  Harness h;
  auto first = h.Get("/metrics");
  REQUIRE(first.status == 200);
  CHECK(first.content_type == "text/plain; version=0.0.4; charset=utf-8");
  INFO(first.body);
  CHECK(CheckExposition(first.body).empty());
  CHECK_FALSE(SampleValue(first.body, R"(mltrend_query_requests_total{path="/healthz",code="200"})").has_value());

  CHECK(h.Get("/healthz").status == 200);
  CHECK(h.Get("/healthz").status == 200);
  CHECK(h.Get("/v1/sources?verbose=1").status == 400);
  CHECK(h.Get("/no/such/path/1").status == 404);
  CHECK(h.Get("/no/such/path/2").status == 404);
  // An unknown path is 404 whatever the method: a 405 names the path's methods (Allow).
  CHECK(h.Request(http::verb::head, "/secret-probe") == 404);
  CHECK(h.Request(http::verb::head, "/healthz") == 405);
  CHECK(h.Garbage("NOT HTTP AT ALL\r\n\r\n") == "400");

  auto second = h.Get("/metrics");
  REQUIRE(second.status == 200);
  const std::string& t = second.body;
  INFO(t);
  CHECK(CheckExposition(t).empty());
  INFO(CheckExposition(t));
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="/healthz",code="200"})") == 2.0);
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="/healthz",code="405"})") == 1.0);
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="/metrics",code="200"})") == 1.0);
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="/v1/sources",code="400"})") == 1.0);
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="other",code="404"})") == 3.0);
  CHECK_FALSE(SampleValue(t, R"(mltrend_query_requests_total{path="other",code="405"})").has_value());
  CHECK(SampleValue(t, R"(mltrend_query_requests_total{path="other",code="400"})") == 1.0);
  CHECK(SampleValue(t, R"(mltrend_query_duration_seconds_count{path="/healthz"})") == 3.0);
  CHECK(SampleValue(t, R"(mltrend_query_duration_seconds_bucket{path="/healthz",le="+Inf"})") == 3.0);
  CHECK(SampleValue(t, R"(mltrend_query_duration_seconds_count{path="other"})") == 4.0);
  // The probed paths never became labels.
  CHECK(t.find("/no/such/path") == std::string::npos);
  CHECK(t.find("secret-probe") == std::string::npos);
}
