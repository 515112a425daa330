// End to end: the real mltrendd --once ingests the converted real CSV
// through libmltrend_paperswithcode.so into a real store; the
// framework_share sink with official_only and the shipped rules serves the
// quarterly cohort series, which must equal an independent count of the CSV
// (tests/tools/pwc_count.py: PwC's Trends-chart method).
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <csignal>
#include <set>

#include "mltrend_test/process.hpp"
#include "mltrendd/cli/socket_client.hpp"
#include "pwc_test_support.hpp"

namespace {

std::filesystem::path ShippedRules() { return mltrend_test::FixturePath("../../config/rules/frameworks.toml"); }

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

int64_t IntAt(simdjson::dom::element e, std::string_view pointer) {
  int64_t v = -1;
  if (e.at_pointer(pointer).get(v) != simdjson::SUCCESS) {
    double d = -1;
    INFO("no number at " << pointer);
    REQUIRE(e.at_pointer(pointer).get(d) == simdjson::SUCCESS);
    v = static_cast<int64_t>(d);
  }
  return v;
}

//! The sink leaves out frameworks whose value is 0.
int64_t FrameworkValue(simdjson::dom::element point, const std::string& framework) {
  simdjson::dom::element value;
  if (point.at_pointer("/frameworks/" + framework + "/value").get(value) != simdjson::SUCCESS) return 0;
  return IntAt(value, "");
}

std::string Query(const std::filesystem::path& socket, const std::string& target) {
  mltrendd::SocketAnswer answer;
  auto s = mltrendd::SocketGet(socket, target, answer);
  INFO(s.message());
  REQUIRE(s.ok());
  INFO(target << " answered " << answer.body);
  REQUIRE(answer.status == 200);
  return answer.body;
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
    const std::string body = Query(socket, std::string("/v1/trends?source=pwc&axis=cohort&bucket=quarter&metric=") + metric);
    simdjson::dom::parser parser;
    simdjson::dom::element trends;
    REQUIRE(parser.parse(body).get(trends) == simdjson::SUCCESS);
    simdjson::dom::object periods;
    REQUIRE(expected.at_pointer("/periods").get(periods) == simdjson::SUCCESS);
    simdjson::dom::array series;
    REQUIRE(trends.at_pointer("/series").get(series) == simdjson::SUCCESS);
    std::set<std::string> served;
    int64_t total = 0;
    for (simdjson::dom::element point : series) {
      std::string_view period_view;
      REQUIRE(point.at_pointer("/period").get(period_view) == simdjson::SUCCESS);
      const std::string period(period_view);
      INFO("period " << period);
      served.insert(period);
      simdjson::dom::element want;
      REQUIRE(periods.at_key(period).get(want) == simdjson::SUCCESS);
      for (const char* key : {"total", "classified", "unknown", "multi"}) {
        INFO(key);
        CHECK(IntAt(point, std::string("/") + key) == IntAt(want, std::string("/") + key));
      }
      total += IntAt(point, "/total");
      simdjson::dom::object frameworks;
      REQUIRE(want.at_pointer("/frameworks").get(frameworks) == simdjson::SUCCESS);
      for (auto [name, counts] : frameworks) {
        INFO("framework " << name);
        CHECK(FrameworkValue(point, std::string(name)) == IntAt(counts, std::string("/") + metric));
      }
      // torch never appears on its own: the rules merge it into pytorch.
      CHECK(FrameworkValue(point, "torch") == 0);
    }
    for (auto [period, counts] : periods) {
      INFO("period " << period << " of the independent count");
      CHECK(served.count(std::string(period)) == 1);
    }
    CHECK(total == 1421);  // official links only
  }
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
