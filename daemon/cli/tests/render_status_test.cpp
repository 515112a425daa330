#include <catch2/catch.hpp>

#include "mltrendd/cli/render.hpp"

namespace {

// 2026-11-24T23:01:40Z: "now" for the fixed answers below.
constexpr int64_t kNow = 1795561300;

const std::string kStatus =
    R"({"version":"0.4.0","started":"2026-11-22T21:00:00Z","uptime_seconds":180100,"sources":2,"sinks":1,)"
    R"("change_log_head":12345,"store_bytes":1288490189})";

const std::string kSources = R"({"sources":[
    {"name":"github","plugin":"github","state":"backoff","last_run_start":"2026-11-24T23:00:00Z",
     "last_run_end":"2026-11-24T23:00:40Z","last_success":"2026-11-24T17:00:00Z","next_run":"2026-11-24T23:10:00Z",
     "last_run_ok":false,"last_error":"search budget spent until 23:10:00Z","consecutive_failures":2,"runs":7,
     "failures":2,"records":2300,
     "run":{"pages":23,"inserted":2300,"updated":0,"unchanged":0,"rejected":2,"records_per_second":57.55,
            "phase":"search","checkpoint":"topic:pytorch created:2019-01-01..2019-06-30 page 4"},
     "rate_limit":{"resource":"search","remaining":0,"limit":30,"reset":"2026-11-24T23:10:00Z"}},
    {"name":"hf","plugin":"huggingface","state":"running","last_run_start":"2026-11-24T23:00:00Z","last_run_end":null,
     "last_success":null,"next_run":null,"last_run_ok":false,"last_error":null,"consecutive_failures":0,"runs":0,
     "failures":0,"records":11000,
     "run":{"pages":11,"inserted":11000,"updated":0,"unchanged":0,"rejected":0,"records_per_second":850.2,
            "phase":"full crawl","checkpoint":"cursor page 12"},
     "rate_limit":{"resource":"","remaining":null,"limit":null,"reset":null}}],
  "sinks":[{"name":"trends","plugin":"framework_share","cursor":12000,"lag":345,
            "last_fold":"2026-11-24T22:58:40Z","last_error":null}]})";

}  // namespace

TEST_CASE("status: the daemon, each source's run, budget, next run and error, each sink's lag on one screen") {
  std::string out;
  REQUIRE(mltrendd::RenderStatus(kStatus, kSources, kNow, out).ok());
  INFO(out);
  CHECK(out.find("mltrendd 0.4.0, up 2d 2h, store 1.2 GiB, change log at 12345\n") == 0);

  const size_t gh = out.find("source github (github): backoff, 2300 records stored\n");
  const size_t hf = out.find("source hf (huggingface): running, 11000 records stored\n");
  REQUIRE(gh != std::string::npos);
  REQUIRE(hf != std::string::npos);
  REQUIRE(gh < hf);
  const std::string github = out.substr(gh, hf - gh);
  CHECK(github.find("  last run     23 pages, 2300 records, 58/s, 2 rejected · search · topic:pytorch") !=
        std::string::npos);
  CHECK(github.find("  rate limit   search 0/30, resets 2026-11-24T23:10:00Z\n") != std::string::npos);
  CHECK(github.find("  last end     2026-11-24T23:00:40Z (1m 0s ago), failed (2 in a row)\n") != std::string::npos);
  CHECK(github.find("  last success 2026-11-24T17:00:00Z (6h 1m ago)\n") != std::string::npos);
  CHECK(github.find("  next run     2026-11-24T23:10:00Z (in 8m 20s)\n") != std::string::npos);
  CHECK(github.find("  last error   search budget spent until 23:10:00Z\n") != std::string::npos);

  const size_t sinks = out.find("\nsink ");
  REQUIRE(sinks != std::string::npos);
  const std::string huggingface = out.substr(hf, sinks - hf);
  CHECK(huggingface.find("  this run     11 pages, 11000 records, 850/s · full crawl · cursor page 12\n") !=
        std::string::npos);
  CHECK(huggingface.find("  rate limit   -\n") != std::string::npos);
  CHECK(huggingface.find("  last end     never\n") != std::string::npos);
  CHECK(huggingface.find("  next run     after this one\n") != std::string::npos);
  CHECK(huggingface.find("last error") == std::string::npos);

  CHECK(out.find("sink trends (framework_share): lag 345 changes (cursor 12000), last fold 2026-11-24T22:58:40Z "
                 "(3m 0s ago)\n") != std::string::npos);
}

TEST_CASE("status of a daemon without sources, and refusal of answers that are not JSON") {
  std::string out;
  REQUIRE(mltrendd::RenderStatus(R"({"version":"0.4.0","uptime_seconds":5,"store_bytes":512,"change_log_head":0})",
                                 R"({"sources":[],"sinks":[]})", kNow, out)
              .ok());
  CHECK(out == "mltrendd 0.4.0, up 5s, store 512 B, change log at 0\n\nno source configured\n");
  CHECK_FALSE(mltrendd::RenderStatus("{", R"({"sources":[]})", kNow, out).ok());
  CHECK_FALSE(mltrendd::RenderStatus("{}", "{}", kNow, out).ok());
}

TEST_CASE("status: a quarantined source shows why, a sink with deaths shows how many") {
  const std::string sources = R"({"sources":[
    {"name":"crashy","plugin":"test_misbehave","state":"quarantined","last_run_start":null,"last_run_end":null,
     "last_success":null,"next_run":null,"last_run_ok":false,"last_error":null,"consecutive_failures":0,"runs":0,
     "failures":0,"records":0,"consecutive_deaths":3,"quarantine":"quarantined after 3 deaths",
     "run":{"pages":0,"inserted":0,"updated":0,"unchanged":0,"rejected":0,"records_per_second":null,
            "phase":"","checkpoint":""},
     "rate_limit":{"resource":"","remaining":null,"limit":null,"reset":null}}],
  "sinks":[{"name":"trends","plugin":"framework_share","cursor":0,"lag":0,"last_fold":null,"last_error":null,
            "consecutive_deaths":2,"quarantine":null}]})";
  std::string out;
  REQUIRE(mltrendd::RenderStatus(kStatus, sources, kNow, out).ok());
  INFO(out);
  CHECK(out.find("source crashy (test_misbehave): quarantined, 0 records stored\n") != std::string::npos);
  CHECK(out.find("  next run     not scheduled\n  QUARANTINED  quarantined after 3 deaths\n") != std::string::npos);
  CHECK(out.find("last fold not yet\n  deaths       2 in a row inside it (the daemon died while it ran)\n") !=
        std::string::npos);
}
