// End to end: the real mltrendd --once ingests the converted real CSV
// through libmltrend_paperswithcode.so into a real store; the
// framework_share sink with official_only and the shipped rules serves the
// quarterly cohort series, which must equal an independent count of the CSV
// (tests/tools/pwc_count.py: PwC's Trends-chart method).
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <csignal>

#include "e2e_support.hpp"
#include "pwc_test_support.hpp"

namespace {

using e2e::IntAt;
using e2e::ShippedRules;

//! A daemon config: one paperswithcode source "pwc" reading `links`, one
//! framework_share sink with official_only and the shipped rules.
void WriteConfig(const mltrend_test::TempDir& dir, const std::filesystem::path& links) {
  const std::string text = "[daemon]\n"
                           "state_dir = \"" + (dir / "state").string() + "\"\n"
                           "socket = \"" + (dir / "run/mltrend.sock").string() + "\"\n"
                           "plugin_dir = \"" + mltrend_test::BuildPath("lib/mltrend/plugins").string() + "\"\n"
                           "log_level = \"info\"\n"
                           "\n[[source]]\nname = \"pwc\"\nplugin = \"paperswithcode\"\ninterval = \"6h\"\njitter = \"0s\"\n"
                           "links = \"" + links.string() + "\"\n"
                           "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\n"
                           "rules = \"" + ShippedRules().string() + "\"\nofficial_only = true\n";
  mltrend_test::WriteFile(dir / "mltrend.toml", text);
}

}  // namespace

TEST_CASE("mltrendd --once over the converted CSV: the official-only quarterly series equals an independent count") {
  mltrend_test::TempDir dir;
  const auto links = dir / "links-between-papers-and-code.json.gz";
  pwc_test::ConvertCsv(links, true);
  WriteConfig(dir, links);
  const std::string config = (dir / "mltrend.toml").string();

  mltrend_test::ChildProcess once({mltrend_test::BuildPath("bin/mltrendd").string(), "--once", "--config", config});
  const int status = once.Wait();
  INFO(once.Stderr());
  REQUIRE(status == 0);

  std::string counted;
  REQUIRE(mltrend_test::RunCommand({"python3", mltrend_test::FixturePath("../tools/pwc_count.py").string(),
                                    pwc_test::LinksCsv().string(), "--bucket", "quarter"},
                                   counted) == 0);
  simdjson::dom::parser expected_parser;
  simdjson::dom::element expected;
  REQUIRE(expected_parser.parse(counted).get(expected) == simdjson::SUCCESS);
  // Anchors from the CSV itself (../shared SOURCES.md): 2,297 links, 1,421 official.
  CHECK(IntAt(expected, "/links") == 2297);
  CHECK(IntAt(expected, "/total") == 1421);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({mltrend_test::BuildPath("bin/mltrendd").string(), "--config", config},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  const auto socket = dir / "run/mltrend.sock";

  for (const char* metric : {"exclusive", "available"}) {
    INFO("metric " << metric);
    simdjson::dom::parser parser;
    auto trends =
        e2e::GetJson(parser, socket, std::string("/v1/trends?source=pwc&axis=cohort&bucket=quarter&metric=") + metric);
    CHECK(e2e::CheckSeriesMatches(trends, expected, metric) == 1421);  // official links only
    // torch never appears on its own: the rules merge it into pytorch.
    simdjson::dom::array series;
    REQUIRE(trends.at_pointer("/series").get(series) == simdjson::SUCCESS);
    for (simdjson::dom::element point : series) CHECK(e2e::FrameworkValue(point, "torch") == 0);
  }
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
