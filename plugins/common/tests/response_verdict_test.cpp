//===----------------------------------------------------------------------===//
// mltrend web-source kit — tests/response_verdict_test.cpp
//===----------------------------------------------------------------------===//
// Every source's answer to the same response: the status the scheduler acts
// on, the wait, and the exact message (with the body snippet).
#include <catch2/catch.hpp>

#include "error_text.hpp"
#include "response_verdict.hpp"

using mltrend::HttpResponse;
using mltrend::StatusCode;
using mltrend::web::CheckResponse;
using std::chrono::seconds;

namespace {
const auto kNow = std::chrono::system_clock::from_time_t(1445412480);  // 2015-10-21T07:28:00Z
const std::string kUrl = "https://h.example/api?page=2";

HttpResponse Answer(int status, std::string body = "") {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}
}  // namespace

TEST_CASE("2xx is Ok and 429 is rate limited for the longest wait the server names") {
  CHECK(CheckResponse(Answer(200), kUrl, kNow).ok());
  CHECK(CheckResponse(Answer(204), kUrl, kNow).ok());

  HttpResponse r = Answer(429);
  r.headers.Add("Retry-After", "30");
  r.headers.Add("RateLimit", "\"api\";r=0;t=120");
  mltrend::Status s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(s.RetryAfter() == seconds(120));
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 429 (rate limited, RateLimit reset: retry in 120s)");

  r = Answer(429);
  r.headers.Add("Retry-After", "Wed, 21 Oct 2015 08:28:00 GMT");
  s = CheckResponse(r, kUrl, kNow);
  CHECK(s.RetryAfter() == seconds(3600));
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 429 (rate limited, Retry-After: retry in 3600s)");

  r = Answer(429);
  r.headers.Add("X-RateLimit-Remaining", "0");
  r.headers.Add("X-RateLimit-Reset", "1445414280");
  s = CheckResponse(r, kUrl, kNow);
  CHECK(s.RetryAfter() == seconds(1800));
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 429 (rate limited, remaining 0 until the reset: retry in 1800s)");
}

TEST_CASE("a rate limit without a usable wait backs off the documented default") {
  HttpResponse r = Answer(429);
  mltrend::Status s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(s.RetryAfter() == mltrend::web::kDefaultRateLimitWait);
  CHECK(s.RetryAfter() == seconds(60));
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 429 (rate limited, no wait given, backing off: retry in 60s)");
  r.headers.Add("Retry-After", "whenever");
  CHECK(CheckResponse(r, kUrl, kNow).RetryAfter() == seconds(60));
  r.headers.Add("X-RateLimit-Remaining", "0");
  CHECK(CheckResponse(r, kUrl, kNow).message() ==
        "GET " + kUrl + " answered HTTP 429 (rate limited, remaining 0, no reset given, backing off: retry in 60s)");
}

TEST_CASE("403 is a rate limit only with a sign of one") {
  HttpResponse r = Answer(403, "{\"message\":\"Must have admin rights\"}");
  mltrend::Status s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK(s.message() ==
        "GET " + kUrl + " answered HTTP 403 (forbidden, not a rate limit): {\"message\":\"Must have admin rights\"}");
  r.body = "{\"message\":\"You have exceeded a secondary Rate Limit.\"}";
  s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(s.RetryAfter() == seconds(60));
  r = Answer(403);
  r.headers.Add("Retry-After", "5");
  CHECK(CheckResponse(r, kUrl, kNow).RetryAfter() == seconds(5));
  r = Answer(403);
  r.headers.Add("x-ratelimit-remaining", "0");
  CHECK(CheckResponse(r, kUrl, kNow).code() == StatusCode::kRateLimited);
}

TEST_CASE("408 and 5xx are retried with the server's wait and other 4xx are refused") {
  HttpResponse r = Answer(503, "<html>\n<body>down</body>\n</html>");
  mltrend::Status s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 503: <html> <body>down</body> </html>");
  CHECK_FALSE(s.RetryAfter().has_value());
  r.headers.Add("Retry-After", "45");
  s = CheckResponse(r, kUrl, kNow);
  CHECK(s.code() == StatusCode::kIoError);  // a server that is down, not a spent budget
  CHECK(s.RetryAfter() == seconds(45));
  CHECK(CheckResponse(Answer(408), kUrl, kNow).code() == StatusCode::kIoError);
  CHECK(CheckResponse(Answer(408), kUrl, kNow).message() == "GET " + kUrl + " answered HTTP 408");
  s = CheckResponse(Answer(404, "Not Found"), kUrl, kNow);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 404: Not Found");
  s = CheckResponse(Answer(304), kUrl, kNow);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message() == "GET " + kUrl + " answered HTTP 304, which the source does not handle");
}

TEST_CASE("the body snippet is one line of printable ASCII of at most 200 bytes") {
  using mltrend::plugin_text::BodySnippet;
  CHECK(BodySnippet("  a\r\n\tb \x01\x7f c  ") == "a b c");
  CHECK(BodySnippet("\xc3\xa9t\xc3\xa9") == "t");
  CHECK(BodySnippet(std::string(300, 'x')) == std::string(200, 'x'));
  CHECK(BodySnippet("") == "");
}
