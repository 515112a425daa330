// The source against a real loopback replay server, the daemon's HTTP client
// and a real RocksDB store: the 9,715-model listing turned into API pages by
// tests/tools/hf_listing_to_pages.py (run from each test into a TempDir).
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <map>
#include <set>
#include <string>

#include "hf_checkpoint.hpp"
#include "hf_config.hpp"
#include "hf_request.hpp"
#include "hf_test_support.hpp"

using hf_test::SourceHarness;

namespace {

//! The framework combination of a record under tags-only pytorch/tf/jax
//! rules, "" when none, e.g. "jax+pytorch+tensorflow" (names sorted).
//! `fold_case` applies the rules file's matching: case and surrounding
//! blanks ignored.
std::string Combination(const mltrend::Record& r, bool fold_case) {
  std::set<std::string> found;
  for (std::string tag : r.tags) {
    if (fold_case) {
      for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      tag.erase(0, tag.find_first_not_of(' '));
      tag.erase(tag.find_last_not_of(' ') + 1);
    }
    if (tag == "pytorch") found.insert("pytorch");
    if (tag == "tf") found.insert("tensorflow");
    if (tag == "jax") found.insert("jax");
  }
  std::string out;
  for (const auto& f : found) out += (out.empty() ? "" : "+") + f;
  return out;
}

std::map<std::string, int64_t> StoredCombinations(mltrendd::Store& store, bool fold_case) {
  std::map<std::string, int64_t> counts;
  uint64_t position = 0;
  mltrend::Status s = store.ScanRecords(
      [&](std::string_view source, const mltrend::Record& r) {
        if (source == "hf") counts[Combination(r, fold_case)] += 1;
        return mltrend::Status::Ok();
      },
      position);
  REQUIRE(s.ok());
  return counts;
}

//! The "combinations" object printed by tests/tools/count_hf_listing.py.
std::map<std::string, int64_t> ScriptCombinations(const std::filesystem::path& dir, bool case_sensitive) {
  const auto rules = mltrend_test::FixturePath("huggingface/rules_tags_only.toml");
  const auto out = dir / "count.json";
  // Each record's own tags, as the source stores them (no lineage).
  std::string args = "'" + hf_test::ListingCsv().string() + "' --rules '" + rules.string() + "' --no-lineage";
  if (case_sensitive) args += " --case-sensitive";
  REQUIRE(hf_test::RunTool("count_hf_listing.py", args, out) == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.load(out.string()).get(doc) == simdjson::SUCCESS);
  int64_t total = 0;
  REQUIRE(doc["total"].get(total) == simdjson::SUCCESS);
  CHECK(total == 9715);
  simdjson::dom::object combinations;
  REQUIRE(doc["combinations"].get(combinations) == simdjson::SUCCESS);
  std::map<std::string, int64_t> counts;
  for (auto [key, value] : combinations) counts[std::string(key)] = value.get_int64().value();
  return counts;
}

std::string Describe(const std::map<std::string, int64_t>& counts) {
  std::string out;
  for (const auto& [combination, n] : counts) out += "[" + combination + "]=" + std::to_string(n) + " ";
  return out;
}

}  // namespace

TEST_CASE("a full crawl of the converted listing stores all 9,715 models, matching an independent count") {
  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "pages", "--gzip");
  const auto targets = hf_test::ExchangeTargets(tmp / "pages");
  REQUIRE(targets.size() == 10);

  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  mltrend::Status s = h.Run(h.Config());
  REQUIRE(s.ok());

  // The plugin's default first URL is exactly the converter's first target,
  // and it followed every Link in order, each page once.
  mltrend::hf::Settings settings;
  REQUIRE(mltrend::hf::ReadSettings(h.Config(), settings).ok());
  CHECK(mltrend::hf::BuildFirstPageUrl(settings) == h.Server().BaseUrl() + targets[0]);
  const auto requests = h.Server().Requests();
  REQUIRE(requests.size() == targets.size());
  for (size_t i = 0; i < targets.size(); ++i) CHECK(requests[i].target == targets[i]);

  CHECK(h.Count() == 9715);
  CHECK(h.Counters().pages == 10);
  CHECK(h.Counters().inserted == 9715);
  CHECK(h.Counters().rejected == 0);
  CHECK(h.Checkpoint().empty());  // the crawl ended: the next run starts over

  // One record in full, against the CSV row of google-bert/bert-base-uncased.
  // Its _id is the converter's: sha1("google-bert/bert-base-uncased")[:24].
  std::optional<mltrend::Record> bert;
  REQUIRE(h.Store().GetRecord("hf", "0342c67c4f31226fa9c00497", bert).ok());
  REQUIRE(bert.has_value());
  CHECK(bert->name == "google-bert/bert-base-uncased");
  CHECK(bert->date.empty());  // the listing has no createdAt: undated
  CHECK(bert->period_override.empty());
  CHECK(bert->metrics.at("downloads") == 61903514);
  CHECK(bert->metrics.count("likes") == 0);
  CHECK(bert->attrs.at("lastModified") == "2024-02-19T11:06:12.000Z");
  CHECK(bert->attrs.at("pipeline_tag") == "fill-mask");
  REQUIRE(bert->tags.size() == 19);
  CHECK(bert->tags[1] == "pytorch");
  CHECK(bert->tags[2] == "tf");
  CHECK(bert->tags[3] == "jax");

  // The stored records, classified here in C++, equal count_hf_listing.py's
  // count of the CSV itself, both case-insensitively (the sink's rule) and
  // exactly (the figures in tests/fixtures/SOURCES.md).
  const auto folded = StoredCombinations(h.Store(), true);
  const auto script_folded = ScriptCombinations(tmp.path(), false);
  CHECK(Describe(folded) == Describe(script_folded));
  const auto exact = StoredCombinations(h.Store(), false);
  CHECK(Describe(exact) == Describe(ScriptCombinations(tmp.path(), true)));
  CHECK(exact.at("") == 5346);
  CHECK(exact.at("pytorch") == 3537);
  CHECK(exact.at("pytorch+tensorflow") == 424);
  CHECK(exact.at("jax+pytorch+tensorflow") == 256);
  CHECK(exact.at("jax+pytorch") == 132);
  CHECK(exact.at("tensorflow") == 10);
  CHECK(exact.at("jax") == 10);
}

TEST_CASE("a 500 on page 3 keeps pages 1-2 and the next run resumes at page 3 without duplicates") {
  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "pages");
  const auto targets = hf_test::ExchangeTargets(tmp / "pages");
  REQUIRE(targets.size() == 10);

  SourceHarness h;
  // Added before the recording, so page 3 first answers 500, then its page.
  mltrend_test::Exchange failing;
  failing.target = targets[2];
  failing.status = 500;
  failing.headers = {{"Content-Type", "text/html"}};
  failing.body = "<html>Internal Server Error</html>";
  h.Server().Add(failing);
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();

  mltrend::Status s = h.Run(h.Config());
  CHECK(s.code() == mltrend::StatusCode::kIoError);
  CHECK_THAT(s.message(), Catch::Contains("500") && Catch::Contains(targets[2]));
  CHECK(h.Count() == 2000);
  mltrend::hf::CrawlPosition at;
  REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
  CHECK(at.next == h.Server().BaseUrl() + targets[2]);
  CHECK(at.page == 3);

  s = h.Run(h.Config());
  REQUIRE(s.ok());
  const auto requests = h.Server().Requests();
  REQUIRE(requests.size() == 3 + 8);
  CHECK(requests[3].target == targets[2]);  // the second run's first request
  CHECK(h.Server().RequestCount(targets[0]) == 1);
  CHECK(h.Server().RequestCount(targets[1]) == 1);
  CHECK(h.Count() == 9715);
  CHECK(h.Counters().inserted == 7715);
  CHECK(h.Counters().updated == 0);
  CHECK(h.Checkpoint().empty());
  CHECK(h.Log().AnyLineContains("resuming the full phase at page 3"));
}

TEST_CASE("max_pages stops a run early and the next run continues from its checkpoint") {
  mltrend_test::TempDir tmp;
  hf_test::ConvertListing(tmp / "pages", "--page-size 10 --max-rows 30");
  const auto targets = hf_test::ExchangeTargets(tmp / "pages");
  REQUIRE(targets.size() == 3);

  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  auto config = h.Config();
  config.Set("limit", int64_t{10});
  config.Set("max_pages", int64_t{2});
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));  // every run a full crawl
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 20);
  mltrend::hf::CrawlPosition at;
  REQUIRE(mltrend::hf::DecodeCheckpoint(h.Checkpoint(), at).ok());
  CHECK(at.page == 3);
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 30);
  CHECK(h.Server().Requests().back().target == targets[2]);
  CHECK(h.Checkpoint().empty());
  // The crawl finished, so a third run starts again at page 1.
  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().RequestCount(targets[0]) == 2);
  CHECK(h.Count() == 30);
  CHECK(h.Counters().unchanged == 20);
}
