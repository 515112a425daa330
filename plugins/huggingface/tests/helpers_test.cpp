// URL building, Link resolution, rate-limit headers, status mapping,
// checkpoint encoding and settings validation.
#include <catch2/catch.hpp>

#include <chrono>

#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_request.hpp"
#include "hf_response.hpp"
#include "hf_test_support.hpp"

using namespace mltrend::hf;
using std::chrono::seconds;

TEST_CASE("the first page URL carries limit, filters and expand[] in a fixed order") {
  Settings s;
  REQUIRE(ReadSettings(hf_test::DefaultConfig("https://huggingface.co/"), s).ok());
  CHECK(s.base_url == "https://huggingface.co");
  CHECK(BuildFirstPageUrl(s) ==
        "https://huggingface.co/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads"
        "&expand%5B%5D=lastModified&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag"
        "&expand%5B%5D=tags");
  s.search = "bert base";
  s.author = "google-bert";
  s.filter = "pytorch";
  s.sort = "downloads";
  s.expand = {"tags"};
  s.limit = 50;
  CHECK(BuildFirstPageUrl(s) ==
        "https://huggingface.co/api/models?limit=50&search=bert%20base&author=google-bert&filter=pytorch"
        "&sort=downloads&expand%5B%5D=tags");
  CHECK(mltrend::PercentEncode("a/b?c=d&e~f.g_h-i") == "a%2Fb%3Fc%3Dd%26e~f.g_h-i");
}

TEST_CASE("settings refuse an unusable base_url, limit or max_pages") {
  auto config = hf_test::DefaultConfig("ftp://huggingface.co");
  Settings s;
  mltrend::Status st = ReadSettings(config, s);
  CHECK(st.code() == mltrend::StatusCode::kInvalidInput);
  CHECK_THAT(st.message(), Catch::Contains("base_url") && Catch::Contains("ftp"));
  config = hf_test::DefaultConfig("http://127.0.0.1:8080");
  config.Set("limit", int64_t{0});
  CHECK_THAT(ReadSettings(config, s).message(), Catch::Contains("limit: must be positive"));
  config.Set("limit", int64_t{10});
  config.Set("max_pages", int64_t{-1});
  CHECK_THAT(ReadSettings(config, s).message(), Catch::Contains("max_pages"));
  // A table holding only base_url takes every other key's declared default.
  mltrend::ConfigValues sparse;
  sparse.Set("base_url", std::string("http://mirror.example/hf/"));
  REQUIRE(ReadSettings(sparse, s).ok());
  CHECK(s.limit == 1000);
  CHECK(s.expand.size() == 7);
  CHECK(s.base_url == "http://mirror.example/hf");
}

TEST_CASE("origins compare scheme, host and port, and Link targets resolve against the page URL") {
  Origin a, b;
  REQUIRE(ParseOrigin("https://HuggingFace.co/api/models?x=1", a).ok());
  REQUIRE(ParseOrigin("https://huggingface.co:443", b).ok());
  CHECK(a == b);
  REQUIRE(ParseOrigin("http://huggingface.co/api", b).ok());
  CHECK_FALSE(a == b);
  REQUIRE(ParseOrigin("http://[::1]:8080/x", b).ok());
  CHECK(b.host == "[::1]");
  CHECK(b.port == "8080");
  CHECK_FALSE(ParseOrigin("huggingface.co/api", b).ok());
  CHECK_FALSE(ParseOrigin("http:///api", b).ok());
  CHECK_FALSE(ParseOrigin("http://h:80x/", b).ok());

  const std::string page = "http://127.0.0.1:9/api/models?limit=10";
  std::string out;
  REQUIRE(ResolveLink(page, "http://127.0.0.1:9/api/models?cursor=a", out).ok());
  CHECK(out == "http://127.0.0.1:9/api/models?cursor=a");
  REQUIRE(ResolveLink(page, "/api/models?cursor=b", out).ok());
  CHECK(out == "http://127.0.0.1:9/api/models?cursor=b");
  REQUIRE(ResolveLink(page, "?cursor=c", out).ok());
  CHECK(out == "http://127.0.0.1:9/api/models?cursor=c");
  REQUIRE(ResolveLink(page, "//other.example/api/models", out).ok());
  CHECK(out == "http://other.example/api/models");
  CHECK_FALSE(ResolveLink(page, "models?cursor=d", out).ok());
}

TEST_CASE("RateLimit and Retry-After headers give the server's wait") {
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

  // Fixed "now": 2015-10-21T07:28:00Z is epoch 1445412480.
  const auto now = std::chrono::system_clock::from_time_t(1445412480);
  CHECK(ParseRetryAfter("120", now) == seconds(120));
  CHECK(ParseRetryAfter(" 7 ", now) == seconds(7));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:30:30 GMT", now) == seconds(150));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now) == seconds(0));
  CHECK_FALSE(ParseRetryAfter("soon", now).has_value());
  CHECK_FALSE(ParseRetryAfter("-5", now).has_value());
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Foo 2015 07:30:30 GMT", now).has_value());
}

TEST_CASE("response statuses map to the Status the scheduler acts on") {
  const auto now = std::chrono::system_clock::from_time_t(1445412480);
  const std::string url = "https://huggingface.co/api/models?limit=1000";
  mltrend::HttpResponse r;
  r.status = 200;
  CHECK(CheckResponse(r, url, now).ok());

  r.status = 429;
  r.headers.Add("Retry-After", "30");
  r.headers.Add("RateLimit", "\"api\";r=0;t=120");
  mltrend::Status s = CheckResponse(r, url, now);
  CHECK(s.code() == mltrend::StatusCode::kRateLimited);
  CHECK(s.RetryAfter() == seconds(120));  // the longer of the two waits
  CHECK_THAT(s.message(), Catch::Contains("429") && Catch::Contains(url));

  r.headers = {};
  s = CheckResponse(r, url, now);
  CHECK(s.code() == mltrend::StatusCode::kRateLimited);
  CHECK_FALSE(s.RetryAfter().has_value());

  r.status = 503;
  s = CheckResponse(r, url, now);
  CHECK(s.code() == mltrend::StatusCode::kIoError);
  CHECK_THAT(s.message(), Catch::Contains("503") && Catch::Contains(url));
  CHECK_FALSE(s.RetryAfter().has_value());
  r.headers.Add("Retry-After", "45");
  CHECK(CheckResponse(r, url, now).RetryAfter() == seconds(45));
  r.headers = {};
  r.status = 408;
  CHECK(CheckResponse(r, url, now).code() == mltrend::StatusCode::kIoError);
  r.status = 401;
  s = CheckResponse(r, url, now);
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK_THAT(s.message(), Catch::Contains("401"));
  r.status = 304;
  CHECK(CheckResponse(r, url, now).code() == mltrend::StatusCode::kIoError);
}

TEST_CASE("checkpoints round-trip and bad ones are refused") {
  CrawlPosition in{"https://huggingface.co/api/models?limit=1000&cursor=eyJ\"x", 12};
  CrawlPosition out;
  REQUIRE(DecodeCheckpoint(EncodeCheckpoint(in), out).ok());
  CHECK(out.next == in.next);
  CHECK(out.page == 12);
  CHECK_FALSE(DecodeCheckpoint("page 3", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"","page":2})", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"http://h/x","page":0})", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"http://h/x"})", out).ok());
}
