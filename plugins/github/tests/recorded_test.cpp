// The source against the real recorded PyGithub exchanges
// (tests/fixtures/github, converted by tests/tools/github_replay_to_exchanges.py
// with their real headers): search paging by Link, and the recorded 403
// rate-limit answers.
#include <catch2/catch.hpp>

#include <functional>

#include "gh_rate_limit.hpp"
#include "gh_test_support.hpp"
#include "gh_url.hpp"

using gh_test::Harness;

namespace {

//! The plugin's first request for the recorded search (q and sort as PyGithub sent them).
mltrend::ConfigValues RecordedSearchConfig(const std::string& base_url) {
  mltrend::ConfigValues config = gh_test::DefaultConfig(base_url);
  config.Set("queries", std::vector<std::string>{"github language:Python"});
  config.Set("sort", std::string("stars"));
  config.Set("split_created", false);
  return config;
}

std::string FirstTarget() { return mltrend::gh::PathOf(mltrend::gh::BuildSearchUrl("http://x", "topic:pytorch", 100, "")); }

//! Serves exchange `n` of `fixture` at the plugin's first target and runs one crawl.
mltrend::Status RunAgainstExchange(Harness& h, const std::string& fixture, int n, const std::string& extra = "") {
  gh_test::ConvertRecording(h.Dir() / "rec", {fixture},
                            "--exchange " + std::to_string(n) + " --target '" + FirstTarget() + "' " + extra);
  h.Server().LoadDirectory(h.Dir() / "rec");
  h.Server().Start();
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:pytorch"});
  return h.Run(config);
}

}  // namespace

TEST_CASE("the recorded search is paged by its Link header, each page committed as it arrives") {
  Harness h;
  // The recording's own first target is PyGithub's; the plugin asks its own
  // URL for the same query, so page 1 is served at both. Page 2 is where
  // page 1's recorded Link points.
  const std::string first =
      mltrend::gh::PathOf(mltrend::gh::BuildSearchUrl("http://x", "github language:Python", 100, "stars"));
  gh_test::ConvertRecording(h.Dir() / "all", {"Search.testSearchRepos.txt.gz"});
  gh_test::ConvertRecording(h.Dir() / "p1", {"Search.testSearchRepos.txt.gz"}, "--exchange 1 --target '" + first + "'");
  h.Server().LoadDirectory(h.Dir() / "all");
  h.Server().LoadDirectory(h.Dir() / "p1");
  h.Server().Start();

  mltrend::Status s = h.Run(RecordedSearchConfig(h.Server().BaseUrl()));
  // Page 2 links to page 3, which was never recorded: a 404 ends the run
  // after pages 1 and 2 are stored, and the checkpoint points at page 3.
  INFO(s.message());
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(s.message().find("404") != std::string::npos);
  CHECK(h.Count() == 60);
  CHECK(h.Counters().pages == 2);
  CHECK(h.Server().RequestCount(first) == 1);
  CHECK(h.Server().RequestCount(
            "/search/repositories?sort=stars&q=github+language%3APython&order=desc&page=2") == 1);
  CHECK(h.Checkpoint().find("order=desc&page=3") != std::string::npos);
  auto legit = h.Get("1951148");
  REQUIRE(legit);
  CHECK(legit->name == "kennethreitz/legit");
  // A total above 1,000 that may not be split is crawled up to the cap, and said so.
  CHECK(h.Log().AnyLineContains("2723 results, only the first 1,000"));
}

TEST_CASE("the recorded anonymous 403 with remaining 0 and no reset backs off the minimum 60 s") {
  Harness h;
  mltrend::Status s = RunAgainstExchange(h, "SpecificExceptions.testRateLimitExceeded.txt", 2);
  INFO(s.message());
  REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
  REQUIRE(s.RetryAfter());
  CHECK(*s.RetryAfter() == std::chrono::seconds(60));
  CHECK(h.Count() == 0);
  CHECK(h.Checkpoint().empty());
}

TEST_CASE("the recorded authenticated 403 honours its Retry-After") {
  Harness h;
  mltrend::Status s = RunAgainstExchange(h, "SpecificExceptions.testAuthenticatedRateLimitExceeded.txt.gz", 2);
  INFO(s.message());
  REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
  REQUIRE(s.RetryAfter());
  CHECK(*s.RetryAfter() == std::chrono::seconds(60));
  CHECK(s.message().find("Retry-After") != std::string::npos);
}

namespace {

//! The recorded anonymous 403 with its headers changed as `edit` says.
mltrend::Status RunEdited403(Harness& h, const std::function<void(mltrend_test::Exchange&)>& edit) {
  // The recorded 403 of SpecificExceptions.testRateLimitExceeded, its
  // budget headers as recorded, before `edit`.
  mltrend_test::Exchange e;
  e.target = FirstTarget();
  e.status = 403;
  e.headers = {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-limit", "60"},
               {"content-type", "application/json; charset=utf-8"}};
  e.body = R"({"message":"API Rate Limit Exceeded for 92.104.200.119"})";
  edit(e);
  h.Server().Add(e);
  h.Server().Start();
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:pytorch"});
  return h.Run(config);
}

}  // namespace

TEST_CASE("a 403 at remaining 0 waits until x-ratelimit-reset; Retry-After wins over it") {
  {
    Harness h;
    mltrend::Status s = RunEdited403(h, [](mltrend_test::Exchange& e) {
      e.headers.push_back({"X-RateLimit-Reset", "{{now+900}}"});
    });
    REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
    REQUIRE(s.RetryAfter());
    // The reset epoch was written one second or so before the check.
    CHECK(s.RetryAfter()->count() <= 900);
    CHECK(s.RetryAfter()->count() >= 890);
  }
  {
    Harness h;
    mltrend::Status s = RunEdited403(h, [](mltrend_test::Exchange& e) {
      e.headers.push_back({"X-RateLimit-Reset", "{{now+900}}"});
      e.headers.push_back({"Retry-After", "120"});
    });
    REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
    CHECK(*s.RetryAfter() == std::chrono::seconds(120));
  }
}

TEST_CASE("a 429 or secondary-limit 403 with budget left backs off at least 60 s; a plain 403 is no rate limit") {
  {
    Harness h;
    mltrend::Status s = RunEdited403(h, [](mltrend_test::Exchange& e) {
      e.status = 429;
      e.headers = {{"X-RateLimit-Remaining", "17"}, {"X-RateLimit-Reset", "{{now+5}}"}};
    });
    REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
    CHECK(*s.RetryAfter() == std::chrono::seconds(60));
  }
  {
    Harness h;
    mltrend::Status s = RunEdited403(h, [](mltrend_test::Exchange& e) {
      e.headers = {{"X-RateLimit-Remaining", "17"}};
      e.body = R"({"message":"You have exceeded a secondary rate limit."})";
    });
    REQUIRE(s.code() == mltrend::StatusCode::kRateLimited);
    CHECK(*s.RetryAfter() == std::chrono::seconds(60));
  }
  {
    Harness h;
    mltrend::Status s = RunEdited403(h, [](mltrend_test::Exchange& e) {
      e.headers = {{"X-RateLimit-Remaining", "17"}};
      e.body = R"({"message":"Resource not accessible by integration"})";
    });
    CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  }
}

TEST_CASE("the recorded empty search completes the crawl with no records") {
  Harness h;
  gh_test::ConvertRecording(h.Dir() / "rec", {"Search.testSearchReposWithNoResults.txt"},
                            "--target '" + FirstTarget() + "'");
  h.Server().LoadDirectory(h.Dir() / "rec");
  h.Server().Start();
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:pytorch"});
  mltrend::Status s = h.Run(config);
  INFO(s.message());
  CHECK(s.ok());
  CHECK(h.Count() == 0);
  CHECK(h.Checkpoint().empty());
}
