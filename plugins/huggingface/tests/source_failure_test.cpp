// How a run fails: rate limits, server errors, broken pages, hostile or
// looping Link headers, cancellation; and renames, rejected models and the
// token. Each uses a 30-model slice of the recorded listing in pages of 10
// (or the real 50-model response), served by a loopback replay server.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hf_budget.hpp"
#include "hf_checkpoint.hpp"
#include "hf_test_support.hpp"

using hf_test::SourceHarness;
using mltrend::StatusCode;

namespace {

//! A three-page listing (30 models, 10 a page) in `dir`; returns its targets.
std::vector<std::string> SmallListing(const std::filesystem::path& dir) {
  hf_test::ConvertListing(dir, "--page-size 10 --max-rows 30");
  auto targets = hf_test::ExchangeTargets(dir);
  REQUIRE(targets.size() == 3);
  return targets;
}

mltrend::ConfigValues SmallConfig(SourceHarness& h) {
  auto config = h.Config();
  config.Set("limit", int64_t{10});
  return config;
}

int64_t CheckpointPage(SourceHarness& h) {
  mltrend::hf::CrawlPosition at;
  REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
  return at.page;
}

std::string Trending50() {
  return mltrend_test::ReadFile(mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json"));
}

const char* kFirst50Target =
    "/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads&expand%5B%5D=lastModified"
    "&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=sha&expand%5B%5D=siblings&expand%5B%5D=tags";

mltrend_test::Exchange JsonPage(std::string target, std::string body, std::string link = "") {
  mltrend_test::Exchange e;
  e.target = std::move(target);
  e.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  if (!link.empty()) e.headers.emplace_back("Link", "<" + link + ">; rel=\"next\"");
  e.body = std::move(body);
  return e;
}

}  // namespace

TEST_CASE("a 429 fails the run with the server's wait and commits nothing of that page") {
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> headers;
    long wait;
  };
  const Case cases[] = {
      {"Retry-After", {{"Retry-After", "120"}}, 120},
      {"RateLimit t=", {{"RateLimit", "\"api\";r=0;t=87"}, {"RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300"}},
       87},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      mltrend_test::TempDir tmp;
      const auto targets = SmallListing(tmp / "pages");
      SourceHarness h;
      mltrend_test::Exchange limited;
      limited.target = targets[1];
      limited.status = 429;
      limited.headers = c.headers;
      limited.body = R"({"error":"You have been rate-limited; you can retry this action in about 5 minutes."})";
      h.Server().Add(limited);
      h.Server().LoadDirectory(tmp / "pages");
      h.Server().Start();

      mltrend::Status s = h.Run(SmallConfig(h));
      CHECK(s.code() == StatusCode::kRateLimited);
      REQUIRE(s.RetryAfter().has_value());
      CHECK(s.RetryAfter()->count() == c.wait);
      CHECK(h.Count() == 10);
      CHECK(CheckpointPage(h) == 2);
      if (c.headers[0].first == "RateLimit") {
        std::lock_guard lock(h.Counters().mutex);
        CHECK(h.Counters().progress.rate_limit_remaining == 0);
      }
      // The 429 spent the shared window: a run now sends nothing.
      CHECK(h.Run(SmallConfig(h)).code() == StatusCode::kRateLimited);
      CHECK(h.Server().Requests().size() == 2);
      // Once the limit lifts, the next run picks up page 2 and finishes.
      mltrend::hf::RequestBudget::ForgetAll();
      REQUIRE(h.Run(SmallConfig(h)).ok());
      CHECK(h.Count() == 30);
    }
  }
}

TEST_CASE("a 5xx, a 404, a truncated body or a non-JSON page fails the run and commits nothing of it") {
  mltrend_test::TempDir tmp;
  const auto targets = SmallListing(tmp / "pages");
  const std::string page2 = mltrend_test::ReadFile(tmp / "pages/page-0002.json");
  struct Case {
    const char* what;
    int status;
    std::string body;
    mltrend_test::Exchange::Behaviour behaviour;
    StatusCode code;
    const char* message_part;
  };
  const Case cases[] = {
      {"503", 503, "<html>Service Unavailable</html>", mltrend_test::Exchange::Behaviour::kNormal,
       StatusCode::kIoError, "503"},
      {"404", 404, R"({"error":"Not Found"})", mltrend_test::Exchange::Behaviour::kNormal, StatusCode::kInvalidInput,
       "404"},
      {"truncated JSON", 200, page2.substr(0, page2.size() / 2), mltrend_test::Exchange::Behaviour::kNormal,
       StatusCode::kInvalidInput, "not valid JSON"},
      {"an HTML page with status 200", 200, "<!DOCTYPE html><html><body>Hugging Face is down</body></html>",
       mltrend_test::Exchange::Behaviour::kNormal, StatusCode::kInvalidInput, "not valid JSON"},
      {"a JSON object", 200, R"({"error":"Invalid cursor"})", mltrend_test::Exchange::Behaviour::kNormal,
       StatusCode::kInvalidInput, "expected an array"},
      {"a connection closed mid-body", 200, page2, mltrend_test::Exchange::Behaviour::kCloseEarly,
       StatusCode::kIoError, "page-2-url"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      SourceHarness h;
      mltrend_test::Exchange bad = JsonPage(targets[1], c.body);
      bad.status = c.status;
      bad.behaviour = c.behaviour;
      h.Server().Add(bad);
      h.Server().LoadDirectory(tmp / "pages");
      h.Server().Start();
      mltrend::Status s = h.Run(SmallConfig(h));
      CHECK(s.code() == c.code);
      const std::string expected_part =
          std::string(c.message_part) == "page-2-url" ? h.Server().BaseUrl() + targets[1] : c.message_part;
      CHECK_THAT(s.message(), Catch::Contains(expected_part));
      CHECK(h.Count() == 10);
      CHECK(CheckpointPage(h) == 2);
      CHECK(h.Counters().pages == 1);
    }
  }
}

TEST_CASE("a Link to another host is refused and its page is not committed") {
  SourceHarness h;
  h.Server().Start();
  std::string elsewhere;
  SECTION("another host") { elsewhere = "https://evil.example"; }
  SECTION("another port on the same host") {
    const uint16_t port = h.Server().Port();
    elsewhere = "http://127.0.0.1:" + std::to_string(port == 65535 ? 1 : port + 1);
  }
  h.Server().Add(JsonPage(kFirst50Target, Trending50(), elsewhere + "/api/models?cursor=abc"));
  mltrend::Status s = h.Run(h.Config());
  CHECK(s.code() == StatusCode::kInvalidInput);
  // The message names the origin it refused, e.g. "https://evil.example".
  CHECK_THAT(s.message(), Catch::Contains("refusing to follow") &&
                              Catch::Contains(elsewhere.substr(elsewhere.find("://") + 3)));
  CHECK(h.Count() == 0);
  CHECK(h.Server().Requests().size() == 1);
  CHECK(h.Checkpoint().empty());
}

TEST_CASE("a Link that loops back to a fetched page is refused") {
  mltrend_test::TempDir tmp;
  const auto targets = SmallListing(tmp / "pages");
  const std::string page1 = mltrend_test::ReadFile(tmp / "pages/page-0001.json");
  const std::string page2 = mltrend_test::ReadFile(tmp / "pages/page-0002.json");
  SourceHarness h;
  h.Server().Start();
  const std::string base = h.Server().BaseUrl();
  SECTION("to itself") {
    h.Server().Add(JsonPage(targets[0], page1, base + targets[1]));
    h.Server().Add(JsonPage(targets[1], page2, base + targets[1]));
  }
  SECTION("to the first page") {
    h.Server().Add(JsonPage(targets[0], page1, base + targets[1]));
    h.Server().Add(JsonPage(targets[1], page2, base + targets[0]));
  }
  mltrend::Status s = h.Run(SmallConfig(h));
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK_THAT(s.message(), Catch::Contains("loop") && Catch::Contains("page 2"));
  CHECK(h.Count() == 10);
  CHECK(h.Server().Requests().size() == 2);
  CHECK(CheckpointPage(h) == 2);
}

TEST_CASE("a renamed model updates its record instead of adding a second one") {
  // The same _id first under its old un-namespaced id, then under the
  // current one (as bert-base-uncased became google-bert/bert-base-uncased).
  const std::string current = Trending50();
  std::string old = current;
  old.replace(old.find("\"id\": \"Qwen/QwQ-32B-Preview\""), 28, "\"id\": \"QwQ-32B-Preview\"");
  SourceHarness h;
  h.Server().Add(JsonPage(kFirst50Target, old));
  h.Server().Add(JsonPage(kFirst50Target, current));
  h.Server().Start();
  auto config = h.Config();
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));  // both runs full crawls

  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 50);
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 50);
  CHECK(h.Counters().updated == 1);
  CHECK(h.Counters().unchanged == 49);
  CHECK(h.Counters().inserted == 0);
  std::optional<mltrend::Record> r;
  REQUIRE(h.Store().GetRecord("hf", "67473fdfe77182ac96417565", r).ok());
  REQUIRE(r.has_value());
  CHECK(r->name == "Qwen/QwQ-32B-Preview");

  std::vector<mltrend::Change> changes;
  REQUIRE(h.Store().ReadChanges(50, 100, changes).ok());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].id == "67473fdfe77182ac96417565");
  REQUIRE(changes[0].before.has_value());
  CHECK(changes[0].before->name == "QwQ-32B-Preview");
  CHECK(changes[0].after->name == "Qwen/QwQ-32B-Preview");
}

TEST_CASE("models failing validation are counted as rejected, logged by id, and the page commits") {
  std::string body = Trending50();
  body.replace(body.find("\"downloads\": 26706"), 18, "\"downloads\": \"many\"");
  SourceHarness h;
  h.Server().Add(JsonPage(kFirst50Target, body));
  h.Server().Start();
  REQUIRE(h.Run(h.Config()).ok());
  CHECK(h.Count() == 49);
  CHECK(h.Counters().rejected == 1);
  CHECK(h.Log().AnyLineContains("67473fdfe77182ac96417565"));
  CHECK(h.Log().AnyLineContains("'downloads' is a string"));
}

TEST_CASE("HF_TOKEN is sent as a Bearer token and never logged") {
  SourceHarness h;
  h.Server().Add(JsonPage(kFirst50Target, Trending50()));
  h.Server().Start();
  SECTION("with the secret set") {
    hf_test::ScopedEnv token("HF_TOKEN", "hf_TestToken0123456789");
    REQUIRE(h.Run(h.Config()).ok());
    REQUIRE(h.Server().Requests().size() == 1);
    CHECK(h.Server().Requests()[0].Header("Authorization") == "Bearer hf_TestToken0123456789");
    CHECK_FALSE(h.Log().AnyLineContains("hf_TestToken0123456789"));
    CHECK(h.Log().Lines().size() > 0);
  }
  SECTION("without it") {
    REQUIRE(h.Run(h.Config()).ok());
    CHECK(h.Server().Requests()[0].Header("Authorization").empty());
  }
}

TEST_CASE("a cancelled run sends nothing and commits nothing") {
  SourceHarness h;
  h.Server().Add(JsonPage(kFirst50Target, Trending50()));
  h.Server().Start();
  mltrend::Status s = h.Run(h.Config(), /*cancelled=*/true);
  CHECK(s.code() == StatusCode::kCancelled);
  CHECK(h.Server().Requests().empty());
  CHECK(h.Count() == 0);
}

TEST_CASE("a checkpoint from another base_url is ignored and the crawl starts over") {
  SourceHarness h;
  h.Server().Add(JsonPage(kFirst50Target, Trending50()));
  h.Server().Start();
  std::vector<mltrend::Record> none;
  mltrendd::CommitStats stats;
  mltrend::hf::CrawlPosition elsewhere;
  elsewhere.next = "https://huggingface.co/api/models?cursor=abc";
  elsewhere.page = 7;
  REQUIRE(h.Store().CommitPage("hf", none, mltrend::hf::EncodeCheckpoint(elsewhere), stats).ok());
  REQUIRE(h.Run(h.Config()).ok());
  CHECK(h.Server().Requests()[0].target == kFirst50Target);
  CHECK(h.Count() == 50);
  CHECK(h.Log().AnyLineContains("another server"));
}
