//===----------------------------------------------------------------------===//
// mltrend web-source kit — tests/rate_headers_test.cpp
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "rate_headers.hpp"

using namespace mltrend::web;
using std::chrono::seconds;

namespace {
// A fixed "now": 2015-10-21T07:28:00Z is epoch 1445412480.
const auto kNow = std::chrono::system_clock::from_time_t(1445412480);
}  // namespace

TEST_CASE("Retry-After is delta-seconds or an HTTP-date") {
  CHECK(ParseRetryAfter("120", kNow) == seconds(120));
  CHECK(ParseRetryAfter(" 7 ", kNow) == seconds(7));
  CHECK(ParseRetryAfter("0", kNow) == seconds(0));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:30:30 GMT", kNow) == seconds(150));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", kNow) == seconds(0));  // in the past
  CHECK_FALSE(ParseRetryAfter("soon", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("-5", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Foo 2015 07:30:30 GMT", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:30:30 UTC", kNow).has_value());
}

TEST_CASE("RateLimit gives remaining and reset of its first policy") {
  RateLimitInfo info = ParseRateLimit("\"api\";r=0;t=87");
  CHECK(info.remaining == 0L);
  CHECK(info.reset == seconds(87));
  info = ParseRateLimit("\"api\";r=412;t=213, \"resolvers\";r=0;t=10");
  CHECK(info.remaining == 412L);
  CHECK(info.reset == seconds(213));
  info = ParseRateLimit("limit=100, remaining=3, reset=30");
  CHECK_FALSE(info.remaining.has_value());  // only the first comma entry is read
  info = ParseRateLimit("remaining=3; reset=30");
  CHECK(info.remaining == 3L);
  CHECK(info.reset == seconds(30));
  CHECK_FALSE(ParseRateLimit("garbage").reset.has_value());
  CHECK_FALSE(ParseRateLimit("\"api\";t=-4").reset.has_value());
}

TEST_CASE("RateLimit-Policy gives the quota and window of its first policy") {
  RateLimitPolicy p = ParseRateLimitPolicy("\"fixed window\";\"api\";q=500;w=300");
  CHECK(p.quota == 500L);
  CHECK(p.window == seconds(300));
  p = ParseRateLimitPolicy("\"fixed window\";\"api\";q=1000;w=300, \"resolvers\";q=3000;w=300");
  CHECK(p.quota == 1000L);
  p = ParseRateLimitPolicy("\"api\";q=abc;w=-1");
  CHECK_FALSE(p.quota.has_value());
  CHECK_FALSE(p.window.has_value());
}

TEST_CASE("ReadRateHeaders reads X-RateLimit and RateLimit and Retry-After case-insensitively") {
  mltrend::Headers gh;
  gh.Add("x-ratelimit-remaining", "0");
  gh.Add("X-RATELIMIT-RESET", "1445414280");
  gh.Add("x-ratelimit-limit", " 30 ");
  gh.Add("x-ratelimit-resource", "search");
  gh.Add("retry-after", "Wed, 21 Oct 2015 07:29:00 GMT");
  RateHeaders rate = ReadRateHeaders(gh, kNow);
  CHECK(rate.remaining == 0L);
  CHECK(rate.reset == 1445414280L);
  CHECK(rate.limit == 30L);
  CHECK(rate.resource == "search");
  CHECK(rate.retry_after == seconds(60));
  CHECK_FALSE(rate.window_reset.has_value());

  mltrend::Headers hub;
  hub.Add("RateLimit", "\"api\";r=5;t=42");
  hub.Add("X-RateLimit-Reset", "soon");
  rate = ReadRateHeaders(hub, kNow);
  CHECK(rate.remaining == 5L);
  CHECK(rate.window_reset == seconds(42));
  CHECK_FALSE(rate.reset.has_value());
  CHECK_FALSE(rate.retry_after.has_value());
  CHECK(rate.resource.empty());
}

TEST_CASE("UntilReset counts seconds to a reset epoch and is at least 1") {
  CHECK(UntilReset(1445412480 + 1800, kNow) == seconds(1800));
  CHECK(UntilReset(1445412480, kNow) == seconds(1));
  CHECK(UntilReset(-9223372036854775807L, kNow) == seconds(1));
}
