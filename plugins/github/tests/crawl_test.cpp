// The source over the 9,483 real repositories of the recorded search CSV,
// turned into search pages by tests/tools/github_csv_to_search_pages.py
// (created: slices included: topic:python finds 7,849 of them), against the
// loopback replay server, the daemon's HTTP client and a real store.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "gh_rate_limit.hpp"
#include "gh_test_support.hpp"

using gh_test::Harness;

namespace {

//! How often each target was asked, and with which If-None-Match.
std::map<std::string, int> AskedTargets(const mltrend_test::ReplayServer& server) {
  std::map<std::string, int> asked;
  for (const auto& r : server.Requests()) asked[r.target] += 1;
  return asked;
}

}  // namespace

TEST_CASE("slicing by created: over the 9,483-repo search pages stores every repository once") {
  Harness h;
  auto summary = gh_test::ConvertCsv(h.Dir() / "pages", "--search-limit 100000");
  CHECK(summary.distinct == 9483);
  CHECK(summary.split == std::vector<std::string>{"topic:machine-learning", "topic:python"});
  h.Server().LoadDirectory(h.Dir() / "pages");
  h.Server().Start();

  mltrend::Status s = h.Run(gh_test::CsvConfig(h.Server().BaseUrl()));
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(h.Count() == 9483);
  CHECK(h.Counters().inserted == 9483);
  // Repositories several queries find are updates of one record, not new ones.
  CHECK(h.Counters().pages == summary.requests.size());
  CHECK(h.Checkpoint().empty());
  // Exactly the generator's requests, in its order, each once.
  auto requests = h.Server().Requests();
  REQUIRE(requests.size() == summary.requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    INFO("request " << i);
    CHECK(requests[i].target == summary.requests[i]);
  }
  auto keras = h.Get("33015583");
  REQUIRE(keras);
  CHECK(keras->name == "keras-team/keras");
  CHECK(keras->date == "2015-03-28T00:35:42Z");
  CHECK(keras->metrics.at("stars") == 61915);
  CHECK(keras->metrics.at("forks") == 19453);
  CHECK(keras->attrs.at("language") == "Python");
  CHECK(keras->attrs.at("html_url") == "https://github.com/keras-team/keras");
  CHECK(std::count(keras->topics.begin(), keras->topics.end(), "pytorch") == 1);
}

TEST_CASE("a run whose search budget is exhausted mid-crawl resumes where it stopped after the reset") {
  Harness h;
  // The real search budget: 30 a minute, remaining counting down per request.
  auto summary = gh_test::ConvertCsv(h.Dir() / "pages", "--search-limit 30 --reset-in 600");
  h.Server().LoadDirectory(h.Dir() / "pages");
  h.Server().Start();
  const auto config = gh_test::CsvConfig(h.Server().BaseUrl());

  mltrend::Status first = h.Run(config);
  INFO(first.message());
  REQUIRE(first.code() == mltrend::StatusCode::kRateLimited);
  REQUIRE(first.RetryAfter());
  CHECK(first.RetryAfter()->count() <= 600);
  CHECK(first.RetryAfter()->count() >= 590);
  CHECK(h.Server().Requests().size() == 30);
  CHECK(h.Counters().pages == 30);  // the page that spent the budget is committed too
  const uint64_t after_first = h.Count();
  CHECK(after_first > 0);
  CHECK(after_first < 9483);
  CHECK_FALSE(h.Checkpoint().empty());

  // Before the reset the source asks nothing: no sleeping, no wasted request.
  mltrend::Status early = h.Run(config);
  CHECK(early.code() == mltrend::StatusCode::kRateLimited);
  CHECK(h.Server().Requests().size() == 30);

  int runs = 1;
  mltrend::Status s = first;
  while (s.code() == mltrend::StatusCode::kRateLimited && runs < 20) {
    mltrend::gh::TokenLane::ForgetBudgets();  // the reset has passed
    s = h.Run(config);
    ++runs;
  }
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(runs == static_cast<int>((summary.requests.size() + 29) / 30));
  CHECK(h.Count() == 9483);
  // No page fetched twice: each run continued exactly where the last stopped.
  auto asked = AskedTargets(h.Server());
  CHECK(asked.size() == summary.requests.size());
  for (const auto& [target, n] : asked) {
    INFO(target);
    CHECK(n == 1);
  }
}

TEST_CASE("a second crawl with stored ETags gets 304s, costs no page and keeps every record") {
  Harness h;
  auto summary = gh_test::ConvertCsv(h.Dir() / "pages", "--search-limit 100000 --etag");
  h.Server().LoadDirectory(h.Dir() / "pages");
  h.Server().Start();
  const auto config = gh_test::CsvConfig(h.Server().BaseUrl());
  REQUIRE(h.Run(config).ok());
  REQUIRE(h.Count() == 9483);
  const size_t first_run = h.Server().Requests().size();
  for (const auto& r : h.Server().Requests()) CHECK(r.Header("If-None-Match").empty());

  mltrend::Status s = h.Run(config);
  INFO(s.message());
  REQUIRE(s.ok());
  auto requests = h.Server().Requests();
  REQUIRE(requests.size() == 2 * first_run);
  for (size_t i = first_run; i < requests.size(); ++i) {
    INFO(requests[i].target);
    // Weak ETags go back verbatim.
    CHECK(requests[i].Header("If-None-Match").rfind("W/\"", 0) == 0);
    CHECK(requests[i].target == summary.requests[i - first_run]);
  }
  CHECK(h.Count() == 9483);
  CHECK(h.Counters().inserted == 0);
  CHECK(h.Counters().updated == 0);
  CHECK(h.Log().AnyLineContains(std::to_string(first_run) + " not modified"));
}

TEST_CASE("incomplete_results never completes a slice: retried, then the run ends retryably in place") {
  Harness h;
  gh_test::ConvertCsv(h.Dir() / "pages", "--queries topic:api --search-limit 100000 --incomplete-first 4");
  h.Server().LoadDirectory(h.Dir() / "pages");
  h.Server().Start();
  const auto config = gh_test::CsvConfig(h.Server().BaseUrl(), {"topic:api"});
  const std::string first = "/search/repositories?q=topic%3Aapi&per_page=100";

  // Three asks (incomplete_retries = 2), all incomplete: the 50 repositories
  // found are stored, but the position stays at page 1.
  mltrend::Status s = h.Run(config);
  INFO(s.message());
  CHECK(s.code() == mltrend::StatusCode::kIoError);
  CHECK(h.Server().RequestCount(first) == 3);
  CHECK(h.Count() == 50);
  const std::string held = h.Checkpoint();
  CHECK(held.find("\n1\n\n*") != std::string::npos);  // page 1, first page of the whole query

  // Once more incomplete, then complete: the crawl goes on from page 1.
  s = h.Run(config);
  INFO(s.message());
  CHECK(s.ok());
  CHECK(h.Server().RequestCount(first) == 5);
  CHECK(h.Count() == 395);
}

TEST_CASE("renames keep one record, strict types reject with the id, the token is sent and never logged") {
  Harness h;
  const std::string first = "/search/repositories?q=topic%3Ajax&per_page=100";
  const std::string second = "/search/repositories?q=topic%3Aflax&per_page=100";
  mltrend_test::Exchange a;
  a.target = first;
  a.headers = {{"Content-Type", "application/json"}, {"x-ratelimit-remaining", "29"}, {"X-RateLimit-Resource", "search"}};
  a.body = R"({"total_count":3,"incomplete_results":false,"items":[
    {"id":101,"full_name":"old/name","topics":["jax"],"created_at":"2021-05-01T00:00:00Z","stargazers_count":3},
    {"id":"102","full_name":"bad/id","topics":["jax"]},
    {"id":103,"full_name":"bad/topics","topics":"jax"}]})";
  mltrend_test::Exchange b = a;
  b.target = second;
  b.body = R"({"total_count":1,"incomplete_results":false,"items":[
    {"id":101,"full_name":"new/name","topics":["jax","flax"],"created_at":"2021-05-01T00:00:00Z","stargazers_count":4}]})";
  h.Server().Add(a);
  h.Server().Add(b);
  h.Server().Start();
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:jax", "topic:flax"});
  const std::string token = "ghp_test_secret_0123456789";
  gh_test::ScopedEnv env("GITHUB_TOKEN", token);

  mltrend::Status s = h.Run(config);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(h.Count() == 1);
  auto record = h.Get("101");
  REQUIRE(record);
  CHECK(record->name == "new/name");
  CHECK(record->metrics.at("stars") == 4);
  CHECK(h.Counters().rejected == 2);
  CHECK(h.Log().AnyLineContains("id 103"));
  CHECK(h.Log().AnyLineContains("topics"));
  for (const auto& r : h.Server().Requests()) CHECK(r.Header("Authorization") == "Bearer " + token);
  for (const auto& line : h.Log().Lines()) CHECK(line.find(token) == std::string::npos);
}

TEST_CASE("without a token the source asks anonymously") {
  Harness h;
  mltrend_test::Exchange a;
  a.target = "/search/repositories?q=topic%3Ajax&per_page=100";
  a.body = R"({"total_count":0,"incomplete_results":false,"items":[]})";
  h.Server().Add(a);
  h.Server().Start();
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:jax"});
  ::unsetenv("GITHUB_TOKEN");
  REQUIRE(h.Run(config).ok());
  REQUIRE(h.Server().Requests().size() == 1);
  CHECK(h.Server().Requests()[0].Header("Authorization").empty());
}

TEST_CASE("instances sharing a token share one lane") {
  CHECK(mltrend::gh::TokenLane::For("a") == mltrend::gh::TokenLane::For("a"));
  CHECK(mltrend::gh::TokenLane::For("a") != mltrend::gh::TokenLane::For("b"));
}
