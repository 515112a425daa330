// Full crawl versus refresh, against the loopback replay server, the daemon's
// HTTP client and a real RocksDB store. Page sets come from the recorded
// data through tests/tools/hf_listing_to_pages.py: the 50-model API answer
// (it has createdAt) for the createdAt phase, the 9,715-model listing (it has
// lastModified) for the lastModified phase.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hf_checkpoint.hpp"
#include "hf_state.hpp"
#include "hf_test_support.hpp"

using hf_test::SourceHarness;
namespace state = mltrend::hf::state;

namespace {

//! The requests the server saw from index `from` on, as targets.
std::vector<std::string> TargetsFrom(SourceHarness& h, size_t from) {
  std::vector<std::string> out;
  const auto requests = h.Server().Requests();
  for (size_t i = from; i < requests.size(); ++i) out.push_back(requests[i].target);
  return out;
}

std::vector<std::string> Slice(const std::vector<std::string>& v, size_t from, size_t to) {
  return std::vector<std::string>(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to));
}

// bert-base-uncased's _id as the converter derives it (sha1 of the modelId).
constexpr const char* kBertId = "0342c67c4f31226fa9c00497";
constexpr const char* kBertChange =
    "--override 'google-bert/bert-base-uncased:lastModified=2024-09-20T20:00:00.000Z' "
    "--override 'google-bert/bert-base-uncased:downloads=61999999'";

//! The listing at 100 a page: the full crawl's pages in `dir`/full and the
//! refresh's lastModified pages (bert-base-uncased changed last) in
//! `dir`/modified, all loaded into `h`'s server. With `busy_page` >= 0 that
//! lastModified page first answers 503.
void LoadListing(SourceHarness& h, const std::filesystem::path& dir, std::vector<std::string>& full,
                 std::vector<std::string>& modified, int busy_page = -1) {
  hf_test::ConvertListing(dir / "full", "--page-size 100");
  hf_test::ConvertListing(dir / "modified", std::string("--page-size 100 --sort lastModified ") + kBertChange);
  full = hf_test::ExchangeTargets(dir / "full");
  modified = hf_test::ExchangeTargets(dir / "modified");
  if (busy_page >= 0) {
    // Added before the recording, so the page first fails, then answers.
    mltrend_test::Exchange busy;
    busy.target = modified.at(static_cast<size_t>(busy_page));
    busy.status = 503;
    busy.body = "busy";
    h.Server().Add(busy);
  }
  h.Server().LoadDirectory(dir / "full");
  h.Server().LoadDirectory(dir / "modified");
}

}  // namespace

TEST_CASE("a refresh reads createdAt pages only down to the newest stored createdAt and inserts new models") {
  mltrend_test::TempDir tmp;
  const auto json = hf_test::TrendingJson();
  // The Hub before its 3 newest models existed, then as recorded.
  hf_test::ConvertModels(json, tmp / "before", "--page-size 10 --drop-newest 3");
  hf_test::ConvertModels(json, tmp / "created", "--page-size 10 --sort createdAt");
  hf_test::ConvertModels(json, tmp / "modified", "--page-size 10 --sort lastModified");
  const auto full = hf_test::ExchangeTargets(tmp / "before");
  const auto created = hf_test::ExchangeTargets(tmp / "created");
  const auto modified = hf_test::ExchangeTargets(tmp / "modified");
  REQUIRE(full.size() == 5);
  REQUIRE(created.size() == 5);

  SourceHarness h;
  for (const char* d : {"before", "created", "modified"}) h.Server().LoadDirectory(tmp / d);
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{10});

  REQUIRE(h.Run(config).ok());
  CHECK(TargetsFrom(h, 0) == full);
  CHECK(h.Count() == 47);
  CHECK(h.Checkpoint().empty());
  CHECK(h.State(state::kFullFinishedAt).has_value());
  // The 4th newest model of the recording is the newest of the 47.
  CHECK(h.State(state::kCreatedMark) == std::optional<std::string>("2024-11-27T20:17:31.000Z"));
  CHECK(h.Progress().phase == "full crawl");

  SECTION("one run reads the first createdAt page, stops there, then one lastModified page") {
    REQUIRE(h.Run(config).ok());
    // Page 1 holds the 3 new models and 7 known ones: the mark is reached.
    CHECK(TargetsFrom(h, 5) == std::vector<std::string>{created[0], modified[0]});
    CHECK(h.Count() == 50);
    CHECK(h.Counters().inserted == 3);
    CHECK(h.Counters().pages == 2);
    CHECK(h.Get("674a272ed0d6b36e22d19f90").name == "shuttleai/shuttle-3.1-aesthetic");
    CHECK(h.State(state::kCreatedMark) == std::optional<std::string>("2024-11-29T20:42:22.000Z"));
    CHECK(h.Checkpoint().empty());
    CHECK(h.Progress().phase == "refresh");
    CHECK(h.Log().AnyLineContains("starting a refresh"));
  }

  SECTION("a refresh stopped after its createdAt phase resumes in the lastModified phase") {
    auto one_page = config;
    one_page.Set("max_pages", int64_t{1});
    REQUIRE(h.Run(one_page).ok());
    CHECK(TargetsFrom(h, 5) == std::vector<std::string>{created[0]});
    mltrend::hf::CrawlPosition at;
    REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
    CHECK(at.phase == mltrend::hf::Phase::kModified);
    CHECK(at.next == h.Server().BaseUrl() + modified[0]);
    CHECK(at.page == 1);
    REQUIRE(h.Run(config).ok());
    CHECK(TargetsFrom(h, 6) == std::vector<std::string>{modified[0]});
    CHECK(h.Log().AnyLineContains("resuming the lastModified phase at page 1"));
    CHECK(h.Checkpoint().empty());
  }

  SECTION("full_crawl_interval = 0s makes every run a full crawl") {
    config.Set("full_crawl_interval", std::chrono::milliseconds(0));
    REQUIRE(h.Run(config).ok());
    CHECK(TargetsFrom(h, 5) == full);
  }
}

TEST_CASE("a refresh updates a model changed since the last refresh and stops at the lastModified mark") {
  mltrend_test::TempDir tmp;
  SourceHarness h;
  std::vector<std::string> full, modified;
  LoadListing(h, tmp.path(), full, modified);
  REQUIRE(full.size() == 98);
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{100});

  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().Requests().size() == 98);
  CHECK(h.Count() == 9715);
  CHECK(h.Get(kBertId).metrics.at("downloads") == 61903514);
  // The listing has no createdAt, so no createdAt mark: the refresh reads
  // lastModified pages only. The previous refresh stands as begun on
  // 2024-09-01; 660 listed models were modified since (plus bert, now).
  CHECK_FALSE(h.State(state::kCreatedMark).has_value());
  h.SeedState({{std::string(state::kModifiedMark), "2024-09-01T00:00:00.000Z"}});

  REQUIRE(h.Run(config).ok());
  // 661 models newer than the mark: pages 1-6 all newer, page 7 reaches it.
  CHECK(TargetsFrom(h, 98) == Slice(modified, 0, 7));
  CHECK(h.Counters().updated == 1);
  CHECK(h.Counters().inserted == 0);
  CHECK(h.Count() == 9715);
  const mltrend::Record bert = h.Get(kBertId);
  CHECK(bert.metrics.at("downloads") == 61999999);
  CHECK(bert.attrs.at("lastModified") == "2024-09-20T20:00:00.000Z");
  // The next refresh reads down to this one's start, which is now.
  const auto mark = h.State(state::kModifiedMark);
  REQUIRE(mark.has_value());
  CHECK(mltrend::hf::CompareTimestamps(*mark, "2025-01-01T00:00:00") > 0);
  CHECK(h.Progress().checkpoint_summary.starts_with("refresh: lastModified pages 7"));
}

TEST_CASE("a refresh that fails in its lastModified phase resumes there, keeping its mark") {
  mltrend_test::TempDir tmp;
  SourceHarness h;
  std::vector<std::string> full, modified;
  LoadListing(h, tmp.path(), full, modified, /*busy_page=*/3);
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{100});
  REQUIRE(h.Run(config).ok());
  h.SeedState({{std::string(state::kModifiedMark), "2024-09-01T00:00:00.000Z"}});

  mltrend::Status s = h.Run(config);
  CHECK(s.code() == mltrend::StatusCode::kIoError);
  CHECK(TargetsFrom(h, 98) == Slice(modified, 0, 4));
  mltrend::hf::CrawlPosition at;
  REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
  CHECK(at.phase == mltrend::hf::Phase::kModified);
  CHECK(at.page == 4);
  CHECK(at.stop == "2024-09-01T00:00:00.000Z");
  // The mark moves only when the refresh completes.
  CHECK(h.State(state::kModifiedMark) == std::optional<std::string>("2024-09-01T00:00:00.000Z"));

  REQUIRE(h.Run(config).ok());
  CHECK(TargetsFrom(h, 102) == Slice(modified, 3, 7));
  CHECK(h.Log().AnyLineContains("resuming the lastModified phase at page 4"));
  CHECK(h.Checkpoint().empty());
  CHECK(h.Get(kBertId).metrics.at("downloads") == 61999999);
}

TEST_CASE("over the whole listing at 1000 a page a refresh takes 1 request where the full crawl took 10") {
  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "full", "--gzip");
  hf_test::ConvertListing(tmp / "modified", std::string("--gzip --sort lastModified ") + kBertChange);
  const auto modified = hf_test::ExchangeTargets(tmp / "modified");
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "full");
  h.Server().LoadDirectory(tmp / "modified");
  h.Server().Start();

  REQUIRE(h.Run(h.Config()).ok());
  CHECK(h.Server().Requests().size() == 10);
  CHECK(h.Count() == 9715);
  h.SeedState({{std::string(state::kModifiedMark), "2024-09-01T00:00:00.000Z"}});
  REQUIRE(h.Run(h.Config()).ok());
  CHECK(TargetsFrom(h, 10) == std::vector<std::string>{modified[0]});
  CHECK(h.Counters().updated == 1);
  CHECK(h.Get(kBertId).metrics.at("downloads") == 61999999);
}
