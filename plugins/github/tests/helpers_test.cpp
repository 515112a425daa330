// The pieces of the github plugin on their own: the search page parser on
// the real recorded answer, checkpoints, dates, URLs and rate-limit headers
// from the real recordings (tests/fixtures/github).
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <chrono>
#include <fstream>

#include "gh_checkpoint.hpp"
#include "gh_config.hpp"
#include "gh_dates.hpp"
#include "gh_fetch.hpp"
#include "gh_rate_limit.hpp"
#include "gh_search_page.hpp"
#include "gh_source.hpp"
#include "gh_test_support.hpp"
#include "gh_url.hpp"

using namespace mltrend::gh;

namespace {

//! The exchanges of a converted recording, as (status, headers, body).
struct Recorded {
  int status = 0;
  mltrend::Headers headers;
  std::string body;
};

std::vector<Recorded> LoadRecording(const std::string& fixture) {
  mltrend_test::TempDir dir;
  gh_test::ConvertRecording(dir / "x", {fixture});
  std::vector<Recorded> out;
  simdjson::dom::parser parser;
  std::ifstream in(dir / "x" / "exchanges.jsonl");
  for (std::string line; std::getline(in, line);) {
    simdjson::dom::element e;
    REQUIRE(parser.parse(line).get(e) == simdjson::SUCCESS);
    Recorded r;
    r.status = static_cast<int>(int64_t(e["status"]));
    r.body = std::string(std::string_view(e["body"]));
    for (auto pair : e["headers"].get_array())
      r.headers.Add(std::string(std::string_view(pair.at(0))), std::string(std::string_view(pair.at(1))));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

TEST_CASE("the recorded search answer parses into 30 repositories keyed by numeric id") {
  auto recorded = LoadRecording("Search.testSearchRepos.txt.gz");
  REQUIRE(recorded.size() == 2);
  SearchPage page;
  REQUIRE(ParseSearchPage(recorded[0].body, page).ok());
  CHECK(page.total_count == 2723);
  CHECK_FALSE(page.incomplete);  // the 2014 answer has no incomplete_results at all
  REQUIRE(page.records.size() == 30);
  CHECK(page.rejections.empty());
  const mltrend::Record& first = page.records[0];
  CHECK(first.id == "1951148");
  CHECK(first.name == "kennethreitz/legit");
  CHECK(first.attrs.at("full_name") == "kennethreitz/legit");
  CHECK(first.date == first.attrs.at("created_at"));
  CHECK(first.date.rfind("2011-", 0) == 0);
  CHECK(first.attrs.at("language") == "Python");
  CHECK(first.attrs.at("fork") == "false");
  CHECK(first.metrics.at("stars") > 0);
  CHECK(first.topics.empty());  // topics came to the API later
}

TEST_CASE("a repository with a wrongly typed field is rejected with its id, the rest of the page kept") {
  const std::string body = R"({"total_count":4,"incomplete_results":false,"unknown_top":{"a":[1,2]},"items":[
    {"id":1,"full_name":"a/one","topics":["pytorch","jax"],"created_at":"2020-01-02T00:00:00Z","stargazers_count":5,
     "some_new_field":{"nested":[true,null]},"archived":true},
    {"id":"2","full_name":"a/two","topics":[]},
    {"id":3,"full_name":"a/three","topics":"pytorch"},
    {"id":4,"full_name":"a/four","topics":["ok",7]},
    {"id":5.5,"full_name":"a/five"},
    {"full_name":"a/six"},
    {"id":7,"full_name":"a/seven","stargazers_count":"many"}, {"id":8,"full_name":""},
    {"id":9,"full_name":"nine"}, {"id":10,"full_name":"ten/"}]})";
  SearchPage page;
  REQUIRE(ParseSearchPage(body, page).ok());
  REQUIRE(page.records.size() == 1);
  CHECK(page.records[0].id == "1");
  CHECK(page.records[0].topics == std::vector<std::string>{"pytorch", "jax"});
  CHECK(page.records[0].metrics.at("stars") == 5);
  CHECK(page.records[0].attrs.at("archived") == "true");
  REQUIRE(page.rejections.size() == 9);
  CHECK(page.rejections[0].index == 1);
  CHECK(page.rejections[0].reason.find("'id'") != std::string::npos);
  CHECK(page.rejections[1].id == "3");
  CHECK(page.rejections[1].reason.find("topics") != std::string::npos);
  CHECK(page.rejections[2].id == "4");
  CHECK(page.rejections[4].reason == "no 'id'");
  CHECK(page.rejections[5].id == "7");
  CHECK(page.rejections[6].id == "8");
  CHECK(page.rejections[6].reason == "'full_name' \"\" is not owner/name");
  CHECK(page.rejections[7].reason == "'full_name' \"nine\" is not owner/name");
  CHECK(page.rejections[8].id == "10");
}

TEST_CASE("a search answer that is not the documented object is refused whole") {
  SearchPage page;
  CHECK_FALSE(ParseSearchPage("[]", page).ok());
  CHECK_FALSE(ParseSearchPage(R"({"total_count":"3","items":[]})", page).ok());
  CHECK_FALSE(ParseSearchPage(R"({"total_count":3,"items":{}})", page).ok());
  CHECK_FALSE(ParseSearchPage(R"({"total_count":3})", page).ok());
  CHECK_FALSE(ParseSearchPage(R"({"total_count":3,"items":[{"id":1,"full_name":"a/b"},)", page).ok());
  CHECK(ParseSearchPage(R"({"total_count":0,"incomplete_results":true,"items":[]})", page).ok());
  CHECK(page.incomplete);
}

TEST_CASE("checkpoints round-trip and refuse what they did not write") {
  Position p;
  p.query = 1;
  p.query_text = "topic:python";
  p.until = *ParseDay("2024-10-31");
  p.pending = {Slice{false, *ParseDay("2016-04-17"), *ParseDay("2024-10-31")},
               Slice{false, *ParseDay("2007-10-01"), *ParseDay("2016-04-16")}};
  p.page = 3;
  p.next_url = "http://127.0.0.1:1/search/repositories?q=x&page=3";
  Position back;
  REQUIRE(DecodeCheckpoint(EncodeCheckpoint(p), back).ok());
  CHECK(back == p);
  Position fresh;
  fresh.query_text = "topic:jax";
  REQUIRE(DecodeCheckpoint(EncodeCheckpoint(fresh), back).ok());
  CHECK(back == fresh);
  CHECK(back.pending.back().Qualifier().empty());
  CHECK(p.pending.back().Qualifier() == " created:2007-10-01..2016-04-16");
  CHECK_FALSE(DecodeCheckpoint("page=3", back).ok());
  CHECK_FALSE(DecodeCheckpoint("gh1\n0\nq\n2024-13-01\n1\n\n*", back).ok());
}

TEST_CASE("dates are calendar days") {
  CHECK(ParseDay("1970-01-01") == 0);
  CHECK(FormatDay(*ParseDay("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(ParseDay("2023-02-29"));
  CHECK_FALSE(ParseDay("2023-2-01"));
  CHECK_FALSE(ParseDay("2023-02-01T"));
}

TEST_CASE("search URLs are built like the page generator's targets") {
  CHECK(PathOf(BuildSearchUrl("http://h:1", "topic:python created:2007-10-01..2016-04-16", 100, "")) ==
        "/search/repositories?q=topic%3Apython%20created%3A2007-10-01..2016-04-16&per_page=100");
  CHECK(PathOf(BuildSearchUrl("https://api.github.com", "a b", 30, "stars")) ==
        "/search/repositories?q=a%20b&per_page=30&sort=stars");
}

TEST_CASE("rate-limit headers are read case-insensitively from both recording eras") {
  // 2025: mixed case, with X-RateLimit-Resource and a weak ETag.
  auto modern = LoadRecording("Repository.setUp.txt");
  REQUIRE_FALSE(modern.empty());
  const auto now = std::chrono::system_clock::now();
  mltrend::web::RateHeaders r = mltrend::web::ReadRateHeaders(modern[0].headers, now);
  CHECK(r.limit == 5000);
  CHECK(r.remaining == 4999);
  CHECK(r.reset == 1736238735);
  CHECK(r.resource == "core");
  CHECK(modern[0].headers.Get("etag")->rfind("W/\"", 0) == 0);
  // 2014: lower case, no resource.
  auto old = LoadRecording("Search.testSearchRepos.txt.gz");
  mltrend::web::RateHeaders s = mltrend::web::ReadRateHeaders(old[0].headers, now);
  CHECK(s.limit == 30);
  CHECK(s.remaining == 29);
  CHECK(s.reset == 1393821241);
  CHECK(s.resource.empty());
}

TEST_CASE("stored ETag facts round-trip, weak ETags verbatim") {
  StoredPage page{"W/\"abc\"", "/search/repositories?q=x&page=2", 2723};
  StoredPage back;
  REQUIRE(DecodeStored(EncodeStored(page), back));
  CHECK(back.etag == page.etag);
  CHECK(back.next_path == page.next_path);
  CHECK(back.total == 2723);
  CHECK_FALSE(DecodeStored("junk", back));
}

TEST_CASE("the validate hook refuses bad values naming the key") {
  struct Case {
    const char* key;
    mltrend::ConfigValue value;
  };
  const Case cases[] = {
      {"base_url", std::string("ftp://x")},
      {"queries", std::vector<std::string>{}},
      {"queries", std::vector<std::string>{"topic:jax", ""}},
      {"per_page", int64_t{101}},
      {"created_since", std::string("2024-1-1")},
      {"created_until", std::string("2000-01-01")},
      {"max_pages", int64_t{-1}},
  };
  std::string bad;
  REQUIRE(GitHubSource::Validate(gh_test::DefaultConfig("https://api.github.com"), bad).ok());
  for (const Case& c : cases) {
    INFO(c.key);
    mltrend::ConfigValues config = gh_test::DefaultConfig("https://api.github.com");
    config.Set(c.key, c.value);
    bad.clear();
    CHECK_FALSE(GitHubSource::Validate(config, bad).ok());
    CHECK(bad == c.key);
  }
  mltrend::ConfigValues config = gh_test::DefaultConfig("https://api.github.com");
  config.Set("queries", std::vector<std::string>{});
  Settings settings;
  CHECK(ReadSettings(config, settings).message() == "queries: must hold at least 1 item, got 0");
  config = gh_test::DefaultConfig("https://api.github.com/");
  config.Set("created_until", std::string("2007-10-02"));
  REQUIRE(ReadSettings(config, settings).ok());
  CHECK(settings.base_url == "https://api.github.com");
  CHECK(settings.created_since == 13787);  // 2007-10-01
}
