#include <catch2/catch.hpp>

#include "mltrendd/cli/render.hpp"
#include "mltrendd/cli/socket_client.hpp"

namespace {
// The answer shape the issue specifies for GET /v1/trends.
const std::string kTrends = R"({"source":"hf","axis":"cohort","bucket":"quarter","metric":"exclusive","weight":"count","rules_version":"2026-11-24",
 "series":[{"period":"2024-Q2","total":10,"classified":8,"unknown":2,"multi":1,"frameworks":{"tensorflow":{"value":2,"share":0.25}}},
           {"period":"2024-Q3","total":130,"classified":100,"unknown":30,"multi":12,
            "frameworks":{"pytorch":{"value":85,"share":0.85},"tensorflow":{"value":3,"share":0.03}}}]})";
}  // namespace

TEST_CASE("trends table puts the leading framework first and shows shares") {
  std::string out;
  REQUIRE(mltrendd::RenderTrendsTable(kTrends, out).ok());
  CHECK(out.find("source hf · axis cohort · bucket quarter") == 0);
  size_t header = out.find("period");
  REQUIRE(header != std::string::npos);
  CHECK(out.find("pytorch", header) < out.find("tensorflow", header));  // 85 > 5 in total
  CHECK(out.find("85.0%") != std::string::npos);
  CHECK(out.find("25.0%") != std::string::npos);
  // a framework absent from a period shows as "-"
  size_t q2 = out.find("2024-Q2");
  CHECK(out.find('-', q2 + 7) < out.find('\n', q2));
}

TEST_CASE("trends CSV is one row per period and framework") {
  std::string out;
  REQUIRE(mltrendd::RenderTrendsCsv(kTrends, out).ok());
  CHECK(out ==
        "period,total,classified,unknown,multi,framework,value,share\n"
        "2024-Q2,10,8,2,1,tensorflow,2,0.250000\n"
        "2024-Q3,130,100,30,12,pytorch,85,0.850000\n"
        "2024-Q3,130,100,30,12,tensorflow,3,0.030000\n");
}

TEST_CASE("renderers refuse invalid or misshapen JSON") {
  std::string out;
  CHECK_FALSE(mltrendd::RenderTrendsTable("{\"series\":", out).ok());
  CHECK_FALSE(mltrendd::RenderTrendsTable("[1,2]", out).ok());
  CHECK_FALSE(mltrendd::RenderSourcesTable("{}", out).ok());
}

TEST_CASE("error bodies yield their message") {
  CHECK(mltrendd::ErrorMessageOf(R"({"error":"bad_parameter","message":"metric must be exclusive or available"})") ==
        "metric must be exclusive or available");
  CHECK(mltrendd::ErrorMessageOf("plain") == "plain");
}

TEST_CASE("the CLI says clearly when the daemon is not running") {
  mltrendd::SocketAnswer answer;
  auto s = mltrendd::SocketGet("/nonexistent/mltrend.sock", "/healthz", answer);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("/nonexistent/mltrend.sock") != std::string::npos);
  CHECK(s.message().find("is the daemon running?") != std::string::npos);
}


TEST_CASE("sources table shows run progress, rejects, phase, checkpoint and the rate-limit budget") {
  const std::string json = R"({"sources":[
    {"name":"github","plugin":"github","state":"scheduled","last_run_start":"2026-11-24T23:00:00Z",
     "last_run_end":"2026-11-24T23:00:40Z","last_success":null,"next_run":"2026-11-24T23:10:00Z","last_run_ok":false,
     "last_error":"search budget spent until 23:10:00Z","consecutive_failures":1,"runs":1,"failures":1,"records":2300,
     "run":{"pages":23,"inserted":2300,"updated":0,"unchanged":0,"rejected":2,"records_per_second":57.55,
            "phase":"search","checkpoint":"topic:pytorch created:2019-01-01..2019-06-30 page 4"},
     "rate_limit":{"resource":"search","remaining":0,"limit":30,"reset":"2026-11-24T23:10:00Z"}},
    {"name":"hf","plugin":"huggingface","state":"running","last_run_start":null,"last_run_end":null,
     "last_success":null,"next_run":null,"last_run_ok":false,"last_error":null,"consecutive_failures":0,"runs":0,
     "failures":0,"records":0,
     "run":{"pages":0,"inserted":0,"updated":0,"unchanged":0,"rejected":0,"records_per_second":null,"phase":"","checkpoint":""},
     "rate_limit":{"resource":"","remaining":null,"limit":null,"reset":null}}],"sinks":[]})";
  std::string out;
  REQUIRE(mltrendd::RenderSourcesTable(json, out).ok());
  INFO(out);
  CHECK(out.find("23 pages, 2300 records, 58/s, 2 rejected · search · topic:pytorch created:2019-01-01..2019-06-30 page 4") !=
        std::string::npos);
  CHECK(out.find("search 0/30, resets 2026-11-24T23:10:00Z") != std::string::npos);
  const size_t hf = out.find("\nhf ");
  REQUIRE(hf != std::string::npos);
  CHECK(out.find("0 pages, 0 records", hf) != std::string::npos);
  CHECK(out.find("never", hf) != std::string::npos);
}
