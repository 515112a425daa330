#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "metrics_parse.hpp"
#include "mltrendd/server/metrics_query.hpp"
#include "mltrendd/server/metrics_text.hpp"

using mltrendd::HistogramCounts;
using mltrendd::MetricsText;

TEST_CASE("label values escape backslash, double quote and line feed, HELP escapes backslash and line feed") {
  CHECK(mltrendd::EscapeLabelValue(R"(a\b"c)" "\n" "d") == R"(a\\b\"c\nd)");
  CHECK(mltrendd::EscapeLabelValue("plain-name_1") == "plain-name_1");
  CHECK(mltrendd::EscapeHelp("a \"quoted\" \\ line\nnext") == "a \"quoted\" \\\\ line\\nnext");

  MetricsText m;
  m.Family("x_total", "counter", "what\nit is");
  m.Sample("x_total", {{"source", "we\"ird\\name\n"}, {"code", "200"}}, uint64_t{3});
  CHECK(m.Text() ==
        "# HELP x_total what\\nit is\n"
        "# TYPE x_total counter\n"
        "x_total{source=\"we\\\"ird\\\\name\\n\",code=\"200\"} 3\n");
}

TEST_CASE("values: integers exact, doubles shortest in %g style, special values spelled as the format wants") {
  CHECK(mltrendd::FormatMetricValue(0.0005) == "0.0005");
  CHECK(mltrendd::FormatMetricValue(1.0) == "1");
  CHECK(mltrendd::FormatMetricValue(1764025800.25) == "1.76402580025e+09");
  CHECK(mltrendd::FormatMetricValue(2.5034) == "2.5034");
  CHECK(mltrendd::FormatMetricValue(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(mltrendd::FormatMetricValue(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(mltrendd::FormatMetricValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  MetricsText m;
  m.Sample("big", {}, uint64_t{9007199254740993ull});  // 2^53 + 1: a double would print ...992
  CHECK(m.Text() == "big 9007199254740993\n");
}

TEST_CASE("histogram buckets are cumulative, a value on a bound counts in it, +Inf equals the count") {
  // Binary fractions, so the sum is exact.
  HistogramCounts h({0.25, 0.5, 1});
  for (double v : {0.125, 0.25, 0.375, 0.75, 0.75, 3.0}) h.Observe(v);
  MetricsText m;
  m.Histogram("lat_seconds", {{"path", "/v1/trends"}}, h);
  CHECK(m.Text() ==
        "lat_seconds_bucket{path=\"/v1/trends\",le=\"0.25\"} 2\n"
        "lat_seconds_bucket{path=\"/v1/trends\",le=\"0.5\"} 3\n"
        "lat_seconds_bucket{path=\"/v1/trends\",le=\"1\"} 5\n"
        "lat_seconds_bucket{path=\"/v1/trends\",le=\"+Inf\"} 6\n"
        "lat_seconds_sum{path=\"/v1/trends\"} 5.25\n"
        "lat_seconds_count{path=\"/v1/trends\"} 6\n");
}

TEST_CASE("query metrics: requests by path and code, a latency histogram from 0.5 ms to 1 s") {
  const auto& buckets = mltrendd::QueryMetrics::Buckets();
  REQUIRE(buckets == std::vector<double>{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0});
  mltrendd::QueryMetrics q;
  q.Observe("/v1/trends", 200, 0.003);
  q.Observe("/v1/trends", 200, 0.0004);
  q.Observe("/v1/trends", 400, 2.5);
  q.Observe("other", 404, 0.0001);
  q.Refused();
  MetricsText m;
  q.Render(m);
  const std::string& t = m.Text();
  INFO(t);
  CHECK(t.find("mltrend_query_requests_total{path=\"/v1/trends\",code=\"200\"} 2\n") != std::string::npos);
  CHECK(t.find("mltrend_query_requests_total{path=\"/v1/trends\",code=\"400\"} 1\n") != std::string::npos);
  CHECK(t.find("mltrend_query_requests_total{path=\"other\",code=\"404\"} 1\n") != std::string::npos);
  CHECK(t.find("mltrend_query_duration_seconds_bucket{path=\"/v1/trends\",le=\"0.0005\"} 1\n") != std::string::npos);
  CHECK(t.find("mltrend_query_duration_seconds_bucket{path=\"/v1/trends\",le=\"0.005\"} 2\n") != std::string::npos);
  CHECK(t.find("mltrend_query_duration_seconds_bucket{path=\"/v1/trends\",le=\"1\"} 2\n") != std::string::npos);
  CHECK(t.find("mltrend_query_duration_seconds_bucket{path=\"/v1/trends\",le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(t.find("mltrend_query_duration_seconds_count{path=\"/v1/trends\"} 3\n") != std::string::npos);
  CHECK(t.find("mltrend_query_refused_connections_total 1\n") != std::string::npos);
  // One HELP and one TYPE per family, even with several paths.
  CHECK(t.find("# TYPE mltrend_query_duration_seconds histogram") ==
        t.rfind("# TYPE mltrend_query_duration_seconds histogram"));
}

// The checker the other metrics tests rely on must itself reject bad pages.
TEST_CASE("the exposition checker used by these tests rejects malformed pages") {
  using metrics_test::CheckExposition;
  const std::string ok = "# TYPE a counter\na{x=\"1\"} 2\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
                         "h_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";
  CHECK(CheckExposition(ok).empty());
  CHECK_FALSE(CheckExposition("a 1\n").empty());                                       // no TYPE
  CHECK_FALSE(CheckExposition("# TYPE a counter\na 1").empty());                       // no final newline
  CHECK_FALSE(CheckExposition("# TYPE a counter\n# TYPE b gauge\nb 1\na 2\n").empty());  // interleaved
  CHECK_FALSE(CheckExposition("# TYPE a counter\na{x=\"q\\t\"} 1\n").empty());          // bad escape
  CHECK_FALSE(CheckExposition("# TYPE a counter\na{x=\"1\"} one\n").empty());           // bad value
  CHECK_FALSE(CheckExposition("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n")
                  .empty());  // not cumulative
  CHECK_FALSE(CheckExposition("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n").empty());  // +Inf != count
}
