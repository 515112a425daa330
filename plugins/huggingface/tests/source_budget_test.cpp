// The 5-minute request window and first-commit enrichment, against the
// loopback replay server, the daemon's HTTP client and a real RocksDB store.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hf_budget.hpp"
#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_page_parser.hpp"
#include "hf_state.hpp"
#include "hf_test_support.hpp"

using hf_test::SourceHarness;
using mltrend::StatusCode;

namespace {

int64_t CheckpointPage(SourceHarness& h) {
  mltrend::hf::CrawlPosition at;
  REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
  return at.page;
}

}  // namespace

TEST_CASE("RateLimit r=0 on a page ends the run after committing it, waiting the header's t") {
  mltrend_test::TempDir tmp;
  // Pages 1-3 say r=2, r=1, r=0 (t=157, q=500), as the Hub's headers do.
  hf_test::ConvertListing(tmp / "pages", "--page-size 100 --max-rows 1000 --rate-remaining 3 --rate-reset 157");
  const auto targets = hf_test::ExchangeTargets(tmp / "pages");
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{100});

  mltrend::Status s = h.Run(config);
  CHECK(s.code() == StatusCode::kRateLimited);
  REQUIRE(s.RetryAfter().has_value());
  CHECK(s.RetryAfter()->count() <= 157);
  CHECK(s.RetryAfter()->count() >= 150);  // t counts from page 3's answer, a moment ago
  CHECK(h.Server().Requests().size() == 3);
  CHECK(h.Count() == 300);
  CHECK(CheckpointPage(h) == 4);
  const mltrend::SourceProgress p = h.Progress();
  CHECK(p.rate_limit_remaining == 0);
  CHECK(p.rate_limit_limit == 500);
  CHECK(p.rate_limit_resource == "api");
  CHECK(p.rate_limit_reset_epoch > 0);
  CHECK(p.phase == "full crawl");
  CHECK(p.checkpoint_summary.starts_with("full crawl page 4"));

  // The window has passed: the next run continues at page 4, whose answer
  // again says r=0.
  mltrend::hf::RequestBudget::ForgetAll();
  s = h.Run(config);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(h.Server().Requests().back().target == targets[3]);
  CHECK(h.Server().Requests().size() == 4);
  CHECK(h.Count() == 400);
}

TEST_CASE("without headers the local count stops at requests_per_window, shared per token") {
  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "pages", "--page-size 100 --max-rows 1000");
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{100});
  config.Set("requests_per_window", int64_t{3});

  mltrend::Status s = h.Run(config);
  CHECK(s.code() == StatusCode::kRateLimited);
  REQUIRE(s.RetryAfter().has_value());
  CHECK(s.RetryAfter()->count() > 0);
  CHECK(s.RetryAfter()->count() <= 300);
  CHECK(h.Server().Requests().size() == 3);
  CHECK(h.Count() == 300);
  CHECK(h.Progress().rate_limit_limit == 3);
  CHECK(h.Progress().rate_limit_remaining == 0);

  // Another run in the same window (any instance, same host, no token)
  // sends nothing.
  s = h.Run(config);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(h.Server().Requests().size() == 3);

  // A token is another budget: it goes on from page 4.
  hf_test::ScopedEnv token("HF_TOKEN", "hf_budget_test_token");
  s = h.Run(config);
  CHECK(s.code() == StatusCode::kRateLimited);
  CHECK(h.Server().Requests().size() == 6);
  CHECK(h.Count() == 600);
  CHECK(h.Server().Requests()[3].Header("Authorization") == "Bearer hf_budget_test_token");
}

TEST_CASE("the derived budget is 500 anonymous and 1000 with HF_TOKEN") {
  mltrend::hf::Settings settings;
  CHECK(mltrend::hf::RequestLimit(settings, false) == 500);
  CHECK(mltrend::hf::RequestLimit(settings, true) == 1000);
  settings.requests_per_window = 42;
  CHECK(mltrend::hf::RequestLimit(settings, true) == 42);

  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "pages", "--page-size 10 --max-rows 20");
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{10});
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));
  REQUIRE(h.Run(config).ok());
  CHECK(h.Progress().rate_limit_limit == 500);
  CHECK(h.Progress().rate_limit_remaining == 498);
  hf_test::ScopedEnv token("HF_TOKEN", "hf_budget_test_token");
  REQUIRE(h.Run(config).ok());
  CHECK(h.Progress().rate_limit_limit == 1000);
  CHECK(h.Progress().rate_limit_remaining == 998);
}

TEST_CASE("enrichment dates floor models by first commit within its budget, across runs") {
  mltrend_test::TempDir tmp;
  // Three recorded models moved to the createdAt floor; their commit
  // histories are in tests/fixtures/huggingface/commits (see SOURCES.md).
  const std::string floor = std::string(mltrend::hf::kCreatedAtFloor);
  hf_test::ConvertModels(hf_test::TrendingJson(), tmp / "pages",
                         "--page-size 50 --override 'Qwen/QwQ-32B-Preview:createdAt=" + floor +
                             "' --override 'black-forest-labs/FLUX.1-Redux-dev:createdAt=" + floor +
                             "' --override 'OuteAI/OuteTTS-0.2-500M:createdAt=" + floor + "'");
  const std::string qwq = "67473fdfe77182ac96417565";
  const std::string flux = "673e3ca06045033e62a4c72b";
  const std::string oute = "6742de849be44d083eb8533b";
  const std::string qwq_commits = "/api/models/Qwen/QwQ-32B-Preview/commits/main";

  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().LoadDirectory(mltrend_test::FixturePath("huggingface/commits"));
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{50});
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));
  config.Set("enrich_first_commit", true);
  config.Set("enrich_budget", int64_t{2});

  // Run 1: the page, then QwQ's two commit pages (the budget).
  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().Requests().size() == 3);
  CHECK(h.Server().RequestCount(qwq_commits) == 1);
  CHECK(h.Server().RequestCount(qwq_commits + "?p=1") == 1);
  mltrend::Record r = h.Get(qwq);
  CHECK(r.date == "2021-06-30T17:45:03.000Z");  // the last commit of the last page
  CHECK(r.period_override.empty());
  CHECK(r.attrs.at("firstCommit") == "2021-06-30T17:45:03.000Z");
  CHECK(r.attrs.at("createdAt") == floor);
  CHECK(r.metrics.at("downloads") > 0);  // the rest of the record is kept
  CHECK(h.Get(flux).period_override == mltrend::hf::kPreFloorPeriod);
  CHECK(h.Get(oute).period_override == mltrend::hf::kPreFloorPeriod);
  CHECK(h.Progress().phase == "enrichment");

  // Run 2: the page again (QwQ keeps its date, nothing is queued twice),
  // then FLUX and OuteTTS, one request each.
  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().Requests().size() == 3 + 3);
  CHECK(h.Server().RequestCount(qwq_commits) == 1);
  CHECK(h.Get(qwq).date == "2021-06-30T17:45:03.000Z");
  CHECK(h.Get(flux).date == "2020-11-20T19:46:40.000Z");
  CHECK(h.Get(oute).date == "2019-02-18T10:36:15.000Z");
  CHECK(h.Get(oute).period_override.empty());

  // Run 3: nothing left to date; the crawl alone.
  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().Requests().size() == 6 + 1);
  CHECK(h.Counters().updated == 0);
  CHECK(h.Get(flux).date == "2020-11-20T19:46:40.000Z");
}

TEST_CASE("enrichment stopped between two commit pages resumes at the second") {
  mltrend_test::TempDir tmp;
  const std::string floor = std::string(mltrend::hf::kCreatedAtFloor);
  hf_test::ConvertModels(hf_test::TrendingJson(), tmp / "pages",
                         "--page-size 50 --override 'Qwen/QwQ-32B-Preview:createdAt=" + floor + "'");
  const std::string qwq_commits = "/api/models/Qwen/QwQ-32B-Preview/commits/main";
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().LoadDirectory(mltrend_test::FixturePath("huggingface/commits"));
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{50});
  config.Set("enrich_first_commit", true);
  config.Set("enrich_budget", int64_t{1});
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));

  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().RequestCount(qwq_commits) == 1);
  CHECK(h.Get("67473fdfe77182ac96417565").period_override == mltrend::hf::kPreFloorPeriod);
  const auto head = h.State(mltrend::hf::state::kEnrichHead);
  REQUIRE(head.has_value());
  CHECK_THAT(*head, Catch::Contains("commits/main?p=1"));

  REQUIRE(h.Run(config).ok());  // the page again, then the second commit page
  CHECK(h.Server().RequestCount(qwq_commits) == 1);
  CHECK(h.Server().RequestCount(qwq_commits + "?p=1") == 1);
  CHECK(h.Get("67473fdfe77182ac96417565").date == "2021-06-30T17:45:03.000Z");
}
