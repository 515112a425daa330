// mltrendd --once with the built github plugin over the 9,483-repo search
// pages on the loopback replay server, and the framework_share sink with the
// shipped rules: the cohort series by created_at year, counted and weighted
// by stars, equals an independent count of the CSV (tests/tools/github_count.py).
#include <catch2/catch.hpp>

#include <csignal>
#include <set>

#include "e2e_support.hpp"
#include "gh_test_support.hpp"

using e2e::GetJson;
using e2e::IntAt;
using e2e::ShippedRules;

namespace {

std::string Quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "\"" : ", \"") + i + "\"";
  return out;
}

}  // namespace

TEST_CASE("mltrendd --once over the search pages: cohort by created_at year equals an independent count") {
  mltrend_test::TempDir dir;
  gh_test::ConvertCsv(dir / "pages", "--search-limit 100000");
  mltrend_test::ReplayServer replay;
  replay.LoadDirectory(dir / "pages");
  replay.Start();

  const auto config = dir / "mltrend.toml";
  const auto socket = dir / "run/mltrend.sock";
  mltrend_test::WriteFile(
      config, "[daemon]\nstate_dir = \"" + (dir / "state").string() + "\"\nsocket = \"" + socket.string() +
                  "\"\nplugin_dir = \"" + mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                  "\"\nlog_level = \"info\"\n\n[[source]]\nname = \"gh\"\nplugin = \"github\"\ninterval = \"6h\"\n"
                  "jitter = \"0s\"\nbase_url = \"" + replay.BaseUrl() + "\"\nqueries = [" +
                  Quoted(gh_test::CsvQueries()) + "]\ncreated_until = \"2024-10-31\"\n\n[[sink]]\nname = \"trends\"\n"
                  "plugin = \"framework_share\"\nrules = \"" + ShippedRules().string() + "\"\n");

  mltrend_test::ChildProcess once({e2e::DaemonBinary().string(), "--once", "--config", config.string()});
  const int status = once.Wait();
  INFO(once.Stderr());
  REQUIRE(status == 0);
  CHECK(replay.Requests().size() == 129);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  const std::string csv = gh_test::Fixture("github_search_repos_by_ml_topic_2024-10.csv.gz").string();
  for (const std::string weight : {"count", "stars"}) {
    INFO("weight " << weight);
    std::string counted;
    REQUIRE(mltrend_test::RunCommand({"python3", mltrend_test::FixturePath("../tools/github_count.py").string(), csv,
                                      "--rules", ShippedRules().string(), "--bucket", "year", "--weight", weight},
                                     counted) == 0);
    simdjson::dom::parser expected_parser;
    simdjson::dom::element expected;
    REQUIRE(expected_parser.parse(counted).get(expected) == simdjson::SUCCESS);
    // 9,483 repositories; with stars, their star sum (the recording's figures).
    CHECK(IntAt(expected, "/total") == (weight == "count" ? 9483 : 14510928));
    const std::string base = "/v1/trends?source=gh&axis=cohort&bucket=year&weight=" + weight;
    simdjson::dom::parser p1, p2;
    e2e::CheckSeriesMatches(GetJson(p1, socket, base + "&metric=exclusive"), expected, "exclusive");
    e2e::CheckSeriesMatches(GetJson(p2, socket, base + "&metric=available"), expected, "available");
  }
  // Anchors counted by hand from the file (pandas-free: created_at[:4]):
  // 1,108 repositories created in 2020, 7 in 2008.
  std::string counted;
  REQUIRE(mltrend_test::RunCommand({"python3", mltrend_test::FixturePath("../tools/github_count.py").string(), csv,
                                    "--rules", ShippedRules().string()},
                                   counted) == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(counted).get(doc) == simdjson::SUCCESS);
  CHECK(IntAt(doc, "/total") == 9483);
  CHECK(IntAt(doc, "/periods/2020/total") == 1108);
  CHECK(IntAt(doc, "/periods/2008/total") == 7);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
