// End to end over dated records: the real recorded 50-model Hub API answer,
// the cohort axis by quarter under tag rules, checked against an independent
// count of the same file (tests/tools/count_hf_listing.py); then the shipped
// rules' graded evidence and lineage, checked against
// tests/tools/count_hf_evidence.py and through `mltrend explain` / `coverage`.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <set>

#include "e2e_support.hpp"
#include "mltrendd/cli/socket_client.hpp"

using e2e::Get;
using e2e::GetJson;
using e2e::CheckSeriesMatches;
using e2e::FrameworkValue;
using e2e::IntAt;
using e2e::ShippedRules;
using mltrend_test::FixturePath;

namespace {

// The huggingface plugin's first request with its default settings.
constexpr const char* kFirstTarget =
    "/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads&expand%5B%5D=lastModified"
    "&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=sha&expand%5B%5D=siblings&expand%5B%5D=tags";

std::filesystem::path Listing() { return FixturePath("huggingface/api_models_trending_50_2024-12.json"); }
std::filesystem::path TagRules() { return FixturePath("huggingface/rules_tags_only.toml"); }


//! Runs the independent count over the listing; `extra` adds options.
std::string CountListing(const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {"python3", FixturePath("../tools/count_hf_listing.py").string(),
                                   Listing().string(), "--rules", TagRules().string(), "--bucket", "quarter"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::string out;
  REQUIRE(mltrend_test::RunCommand(argv, out) == 0);
  return out;
}

//! The replay server answering the plugin's first request with the listing.
void ServeListing(mltrend_test::ReplayServer& replay) {
  mltrend_test::Exchange page;
  page.target = kFirstTarget;
  page.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  page.body = mltrend_test::ReadFile(Listing());
  replay.Add(std::move(page));
  replay.Start();
}

//! `mltrend --socket S args...`: its exit status, stdout in `out`.
int Cli(const e2e::Sandbox& box, std::vector<std::string> args, std::string& out) {
  args.insert(args.begin(), {e2e::CliBinary().string(), "--socket", box.socket.string()});
  return mltrend_test::RunCommand(args, out);
}

}  // namespace

TEST_CASE("the cohort series by quarter over the recorded Hub API answer matches an independent count") {
  mltrend_test::ReplayServer replay;
  ServeListing(replay);
  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), TagRules());

  box.CrawlOnce();
  CHECK(replay.RequestCount(kFirstTarget) == 1);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  std::string counted = CountListing({});
  simdjson::dom::parser expected_parser;
  simdjson::dom::element expected;
  REQUIRE(expected_parser.parse(counted).get(expected) == simdjson::SUCCESS);
  std::string counted_downloads = CountListing({"--weight", "downloads"});
  simdjson::dom::parser downloads_parser;
  simdjson::dom::element expected_downloads;
  REQUIRE(downloads_parser.parse(counted_downloads).get(expected_downloads) == simdjson::SUCCESS);

  const std::string base = "/v1/trends?source=hf&axis=cohort&bucket=quarter";
  simdjson::dom::parser p1, p2, p3, p4;
  auto exclusive = GetJson(p1, box.socket, base + "&metric=exclusive");
  CheckSeriesMatches(exclusive, expected, "exclusive");
  CheckSeriesMatches(GetJson(p2, box.socket, base + "&metric=available"), expected, "available");
  CheckSeriesMatches(GetJson(p3, box.socket, base + "&metric=exclusive&weight=downloads"), expected_downloads,
                     "exclusive");
  CheckSeriesMatches(GetJson(p4, box.socket, base + "&metric=available&weight=downloads"), expected_downloads,
                     "available");

  // Anchors counted by hand from the file, so that the script and the daemon
  // cannot agree on a shared mistake: 37 models created in Oct-Nov 2024, of
  // which ShowUI-2B, RMBG-2.0 (tagged both `pytorch` and `Pytorch`) and
  // jina-clip-v2 carry a pytorch tag, and Skywork-o1-Open-Llama-3.1-8B and
  // QwQ-32B-Preview-GGUF inherit it from a tagged base in the file (lineage);
  // 12 in Jul-Sep 2024 (four Llama 3.x models tagged pytorch); one from
  // 2023-10; nothing else is classified.
  CHECK(IntAt(expected, "/total") == 50);
  CHECK(IntAt(expected, "/periods/2024-Q4/total") == 37);
  CHECK(IntAt(expected, "/periods/2024-Q4/frameworks/pytorch/exclusive") == 5);
  CHECK(IntAt(expected, "/periods/2024-Q3/total") == 12);
  CHECK(IntAt(expected, "/periods/2023-Q4/total") == 1);
  std::string_view last_period;
  REQUIRE(exclusive.at_pointer("/series/2/period").get(last_period) == simdjson::SUCCESS);
  CHECK(last_period == "2024-Q4");
  CHECK(IntAt(exclusive, "/series/2/total") == 37);
  CHECK(IntAt(exclusive, "/series/2/classified") == 5);
  simdjson::dom::element newest;
  REQUIRE(exclusive.at_pointer("/series/2").get(newest) == simdjson::SUCCESS);
  CHECK(FrameworkValue(newest, "pytorch") == 5);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

TEST_CASE("graded evidence over the recorded Hub API answer: coverage equals an independent count, explain says why") {
  mltrend_test::ReplayServer replay;
  ServeListing(replay);
  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), ShippedRules());
  box.CrawlOnce();
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  std::string counted;
  REQUIRE(mltrend_test::RunCommand({"python3", FixturePath("../tools/count_hf_evidence.py").string(),
                                    Listing().string(), "--rules", ShippedRules().string()},
                                   counted) == 0);
  simdjson::dom::parser expected_parser, parser;
  simdjson::dom::element expected = expected_parser.parse(counted);
  simdjson::dom::element coverage = GetJson(parser, box.socket, "/v1/coverage?source=hf");
  e2e::CheckCoverageMatches(coverage, expected);
  // Counted by hand from the file: 7 models carry a pytorch tag, 33 more are
  // transformers, diffusers or coqui models without one, and two models
  // without evidence of their own name a base in the file
  // (Skywork-o1-Open-Llama-3.1-8B from Llama-3.1-8B-Instruct, a GGUF of
  // QwQ-32B-Preview); 8 stay unknown.
  CHECK(IntAt(coverage, "/direct/count") == 7);
  CHECK(IntAt(coverage, "/library/count") == 33);
  CHECK(IntAt(coverage, "/lineage/count") == 2);
  CHECK(IntAt(coverage, "/unknown/count") == 8);

  std::string out;
  REQUIRE(Cli(box, {"explain", "hf", "black-forest-labs/FLUX.1-dev"}, out) == 0);
  CHECK(out.find("  frameworks: pytorch  (grade library)\n") != std::string::npos);
  CHECK(out.find("  pytorch  tags = diffusers  grade library\n") != std::string::npos);
  REQUIRE(Cli(box, {"explain", "hf", "ginipick/flux-lora-eric-cat"}, out) == 0);
  CHECK(out.find("black-forest-labs/flux.1-dev  library: pytorch") != std::string::npos);
  REQUIRE(Cli(box, {"explain", "hf", "black-forest-labs/FLUX.1-dev", "--format", "json"}, out) == 0);
  simdjson::dom::element explained = parser.parse(out);
  CHECK(std::string_view(explained["frameworks"].at(0)) == "pytorch");
  CHECK(Cli(box, {"explain", "hf", "nobody/nothing"}, out) == 1);
  REQUIRE(Cli(box, {"coverage", "--source", "hf"}, out) == 0);
  CHECK(out.rfind("hf: 50 records, 42 classified (direct 7, library 33, lineage 2), 8 unknown (16.0% of records, ", 0) ==
        0);
  REQUIRE(Cli(box, {"trends", "--source", "hf", "--among", "pytorch,tensorflow", "--format", "json"}, out) == 0);
  CHECK(out.find("\"among\":\"pytorch,tensorflow\"") != std::string::npos);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

TEST_CASE("a bad trends parameter through the socket is a 400 naming the parameter") {
  mltrend_test::ReplayServer replay;  // never asked: nothing is crawled
  replay.Start();
  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), ShippedRules());
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  struct Case {
    std::string target, parameter;
  };
  for (const Case& c : {Case{"/v1/trends?source=hf&metric=bogus", "metric"}, Case{"/v1/trends?source=nope", "source"}}) {
    INFO(c.target);
    auto answer = Get(box.socket, c.target);
    INFO(answer.body);
    CHECK(answer.status == 400);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    REQUIRE(parser.parse(answer.body).get(doc) == simdjson::SUCCESS);
    std::string_view error, parameter;
    REQUIRE(doc.at_pointer("/error").get(error) == simdjson::SUCCESS);
    REQUIRE(doc.at_pointer("/parameter").get(parameter) == simdjson::SUCCESS);
    CHECK(error == "bad_parameter");
    CHECK(parameter == c.parameter);
  }
  // The unknown-source message lists the sources that do exist.
  auto answer = Get(box.socket, "/v1/trends?source=nope");
  CHECK(answer.body.find("hf") != std::string::npos);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
