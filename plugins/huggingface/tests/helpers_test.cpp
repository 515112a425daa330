// URL building, the request budget, checkpoint encoding and settings
// validation (origins, rate headers and status mapping: plugins/common/tests).
#include <catch2/catch.hpp>

#include <chrono>

#include "hf_budget.hpp"
#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_enrich.hpp"
#include "hf_record_json.hpp"
#include "hf_request.hpp"
#include "hf_state.hpp"
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
        "&expand%5B%5D=sha&expand%5B%5D=siblings&expand%5B%5D=tags");
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
  CHECK_THAT(ReadSettings(config, s).message(), Catch::Contains("limit: must be at least 1, got 0"));
  config.Set("limit", int64_t{10});
  config.Set("max_pages", int64_t{-1});
  CHECK_THAT(ReadSettings(config, s).message(), Catch::Contains("max_pages"));
  // A table holding only base_url takes every other key's declared default.
  mltrend::ConfigValues sparse;
  sparse.Set("base_url", std::string("http://mirror.example/hf/"));
  REQUIRE(ReadSettings(sparse, s).ok());
  CHECK(s.limit == 1000);
  CHECK(s.expand.size() == 9);
  CHECK(s.base_url == "http://mirror.example/hf");
}

TEST_CASE("checkpoints round-trip and bad ones are refused") {
  CrawlPosition in{.phase = Phase::kCreated,
                   .next = "https://huggingface.co/api/models?limit=1000&cursor=eyJ\"x",
                   .page = 12,
                   .started = 1732400000,
                   .stop = "2024-11-29T20:42:22.000Z"};
  CrawlPosition out;
  REQUIRE(DecodeCheckpoint(EncodeCheckpoint(in), out).ok());
  CHECK(out.next == in.next);
  CHECK(out.page == 12);
  CHECK(out.phase == Phase::kCreated);
  CHECK(out.started == 1732400000);
  CHECK(out.stop == in.stop);
  // A checkpoint written before refreshes existed is a full crawl.
  REQUIRE(DecodeCheckpoint(R"({"next":"http://h/x","page":3})", out).ok());
  CHECK(out.phase == Phase::kFull);
  CHECK(out.started == 0);
  CHECK_FALSE(DecodeCheckpoint(R"({"phase":"sideways","next":"http://h/x","page":3})", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"phase":"lastModified","next":"http://h/x","page":3})", out).ok());
  CHECK_FALSE(DecodeCheckpoint("page 3", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"","page":2})", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"http://h/x","page":0})", out).ok());
  CHECK_FALSE(DecodeCheckpoint(R"({"next":"http://h/x"})", out).ok());
}

TEST_CASE("a request budget counts locally and lets the server's headers override") {
  RequestBudget budget;
  const auto t0 = RequestBudget::Clock::time_point(seconds(1'700'000'000));
  seconds wait{0};
  CHECK(budget.TryTake(2, t0, wait));
  CHECK(budget.TryTake(2, t0 + seconds(10), wait));
  CHECK_FALSE(budget.TryTake(2, t0 + seconds(100), wait));
  CHECK(wait == seconds(200));  // the window began with the first request
  CHECK(budget.TryTake(2, t0 + seconds(300), wait));  // a new window

  mltrend::Headers headers;
  headers.Add("RateLimit", "\"api\";r=0;t=42");
  headers.Add("RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300");
  budget.Observe(headers, 2, t0 + seconds(301));
  CHECK_FALSE(budget.TryTake(2, t0 + seconds(302), wait));
  CHECK(wait == seconds(41));
  CHECK(budget.Snapshot(2).limit == 1000);
  CHECK(budget.Snapshot(2).remaining == 0);

  mltrend::Headers plenty;
  plenty.Add("RateLimit", "\"api\";r=489;t=157");
  budget.Observe(plenty, 2, t0 + seconds(303));
  CHECK(budget.Snapshot(2).remaining == 489);
  CHECK(budget.Snapshot(2).reset_epoch == 1'700'000'000 + 303 + 157);
  CHECK(budget.TryTake(2, t0 + seconds(304), wait));

  budget.Exhaust(seconds(60), 2, t0 + seconds(305));
  CHECK_FALSE(budget.TryTake(2, t0 + seconds(306), wait));
  CHECK(wait == seconds(59));
  CHECK(RequestBudget::Key("http://h:80", "secret").find("secret") == std::string::npos);
  CHECK(RequestBudget::Key("http://h:80", "a") != RequestBudget::Key("http://h:80", "b"));
}

TEST_CASE("refresh and commits URLs, timestamps and marks") {
  Settings settings;
  settings.base_url = "https://huggingface.co";
  settings.limit = 500;
  settings.sort = "downloads";
  settings.expand = {"createdAt", "lastModified"};
  CHECK(BuildRefreshUrl(settings, "createdAt") ==
        "https://huggingface.co/api/models?limit=500&sort=createdAt&direction=-1"
        "&expand%5B%5D=createdAt&expand%5B%5D=lastModified");
  CHECK(BuildCommitsUrl(settings, "google-bert/bert-base-uncased") ==
        "https://huggingface.co/api/models/google-bert/bert-base-uncased/commits/main");
  CHECK(BuildCommitsUrl(settings, "gpt2") == "https://huggingface.co/api/models/gpt2/commits/main");
  CHECK(BuildCommitsUrl(settings, "a b/c") == "https://huggingface.co/api/models/a%20b/c/commits/main");
  CHECK(IsoTimestamp(1732912942) == "2024-11-29T20:42:22.000Z");
  CHECK(CompareTimestamps("2024-11-29T20:42:22.000Z", "2024-11-29T20:42:22Z") == 0);
  CHECK(CompareTimestamps("2024-11-29T20:42:21.999Z", "2024-11-29T20:42:22") < 0);
  CHECK(ParseInt("42") == int64_t{42});
  CHECK_FALSE(ParseInt("42x").has_value());
}

TEST_CASE("a commits page gives its last commit's date") {
  std::optional<std::string> date;
  REQUIRE(ParseCommitsPage(R"([{"id":"b","date":"2024-01-02T00:00:00.000Z"},)"
                           R"({"id":"a","authors":[{"user":"system"}],"date":"2019-02-18T10:36:15.000Z"}])",
                           date)
              .ok());
  CHECK(date == std::optional<std::string>("2019-02-18T10:36:15.000Z"));
  REQUIRE(ParseCommitsPage("[]", date).ok());
  CHECK_FALSE(date.has_value());
  CHECK_FALSE(ParseCommitsPage(R"({"error":"Repository not found"})", date).ok());
  CHECK_FALSE(ParseCommitsPage(R"([{"id":"a","date":12}])", date).ok());
  CHECK_FALSE(ParseCommitsPage(R"([{"id":"a","date":"yesterday"}])", date).ok());
  CHECK_FALSE(ParseCommitsPage(R"([{"id":"a")", date).ok());
}

TEST_CASE("a record survives its JSON copy") {
  mltrend::Record r;
  r.id = "621ffdc036468d709f174338";
  r.name = "google-bert/bert-base-uncased";
  r.date = "2022-03-02T23:29:04.000Z";
  r.period_override = "pre-2022-03";
  r.tags = {"pytorch", "tf", "with \"quotes\""};
  r.library_names = {"transformers"};
  r.metrics = {{"downloads", 61903514}, {"likes", 0}};
  r.attrs = {{"createdAt", r.date}, {"pipeline_tag", "fill-mask"}};
  mltrend::Record back;
  REQUIRE(DecodeRecord(EncodeRecord(r), back).ok());
  CHECK(back == r);
  CHECK_FALSE(DecodeRecord(R"({"id":"x"})", back).ok());
  CHECK_FALSE(DecodeRecord("not json", back).ok());
}
