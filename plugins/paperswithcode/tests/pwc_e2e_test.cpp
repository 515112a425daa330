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

//! A daemon config: one paperswithcode source "pwc" reading `links` (and,
//! with `api_base_url`, the API after it: live_api), one framework_share
//! sink with official_only and the shipped rules.
void WriteConfig(const mltrend_test::TempDir& dir, const std::filesystem::path& links,
                 const std::string& api_base_url = "") {
  const std::string text = "[daemon]\n"
                           "state_dir = \"" + (dir / "state").string() + "\"\n"
                           "socket = \"" + (dir / "run/mltrend.sock").string() + "\"\n"
                           "plugin_dir = \"" + mltrend_test::BuildPath("lib/mltrend/plugins").string() + "\"\n"
                           "log_level = \"info\"\n"
                           "\n[[source]]\nname = \"pwc\"\nplugin = \"paperswithcode\"\ninterval = \"6h\"\njitter = \"0s\"\n"
                           "links = \"" + links.string() + "\"\n" +
                           (api_base_url.empty() ? std::string()
                                                 : "live_api = true\napi_base_url = \"" + api_base_url + "\"\n") +
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

namespace {

//! The trends point of `period`; REQUIREs that there is one.
simdjson::dom::element Point(simdjson::dom::element trends, const std::string& period) {
  simdjson::dom::array series;
  REQUIRE(trends.at_pointer("/series").get(series) == simdjson::SUCCESS);
  for (simdjson::dom::element point : series) {
    std::string_view p;
    REQUIRE(point.at_pointer("/period").get(p) == simdjson::SUCCESS);
    if (p == period) return point;
  }
  INFO("no point for " << period);
  REQUIRE(false);
  return {};
}

std::string Repo(const std::string& url, bool official, const std::string& framework) {
  return R"({"url": ")" + url + R"(", "is_official": )" + (official ? "true" : "false") + R"(, "framework": ")" +
         framework + R"("})";
}

std::string Paper(const std::string& id, const std::string& arxiv, const std::string& published,
                  const std::string& repos) {
  return R"({"id": ")" + id + R"(", "arxiv_id": ")" + arxiv + R"(", "title": "Live )" + id + R"(", "published": ")" +
         published + R"(", "repositories": [)" + repos + "]}";
}

}  // namespace

TEST_CASE("mltrendd --once with the dump and the live API: the official-only quarterly series runs past 2025-Q3") {
  mltrend_test::TempDir dir;
  const auto links = dir / "links-between-papers-and-code.json.gz";
  pwc_test::ConvertCsv(links, true);
  // Newest first, in the relaunched site's shape (see live_api_test.cpp).
  // The dump's newest month is 2024-08 (arXiv 2408.09896): paper 7005 is
  // older, so the walk stops there and never stores it.
  mltrend_test::ReplayServer server;
  mltrend_test::Exchange e;
  e.target = "/api/v1/papers/?order_by=date_published&order_dir=desc&include_resources=true&page_size=100&page=1";
  e.headers = {{"Content-Type", "application/json"}};
  e.body = R"({"count": 5, "results": [)" +
           Paper("7001", "2510.00101", "2025-10-05",
                 Repo("https://github.com/live/a", true, "pytorch") + ", " +
                     Repo("https://github.com/live/a-tf", false, "tf")) + ", " +
           Paper("7002", "2508.00202", "2025-08-14", Repo("https://github.com/live/b", true, "jax")) + ", " +
           Paper("7003", "2507.00303", "2025-07-30", Repo("https://github.com/live/c", true, "mindspore-lite-nightly")) +
           ", " +
           Paper("7004", "2507.00404", "2025-07-02",
                 Repo("https://github.com/live/d", true, "pytorch") + ", " +
                     Repo("https://github.com/live/d2", true, "none")) + ", " +
           Paper("7005", "2407.00505", "2024-07-20", Repo("https://github.com/live/old", true, "pytorch")) + "]}";
  server.Add(std::move(e));
  server.Start();
  WriteConfig(dir, links, server.BaseUrl() + "/api/v1");
  const std::string config = (dir / "mltrend.toml").string();

  mltrend_test::ChildProcess once({mltrend_test::BuildPath("bin/mltrendd").string(), "--once", "--config", config});
  const int status = once.Wait();
  INFO(once.Stderr());
  REQUIRE(status == 0);
  CHECK(server.Requests().size() == 1);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({mltrend_test::BuildPath("bin/mltrendd").string(), "--config", config},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  const auto socket = dir / "run/mltrend.sock";
  simdjson::dom::parser parser;
  auto trends = e2e::GetJson(parser, socket, "/v1/trends?source=pwc&axis=cohort&bucket=quarter&metric=exclusive");
  simdjson::dom::array series;
  REQUIRE(trends.at_pointer("/series").get(series) == simdjson::SUCCESS);
  int64_t total = 0;
  for (simdjson::dom::element point : series) total += IntAt(point, "/total");
  CHECK(total == 1421 + 5);  // the dump's official links, then the API's five; live/old never stored

  auto q3 = Point(trends, "2025-Q3");  // live/b jax, live/c (raw, unmatched), live/d pytorch, live/d2 "none"
  CHECK(IntAt(q3, "/total") == 4);
  CHECK(IntAt(q3, "/classified") == 2);
  CHECK(IntAt(q3, "/unknown") == 2);
  CHECK(e2e::FrameworkValue(q3, "jax") == 1);
  CHECK(e2e::FrameworkValue(q3, "pytorch") == 1);
  auto q4 = Point(trends, "2025-Q4");  // live/a; live/a-tf is not official
  CHECK(IntAt(q4, "/total") == 1);
  CHECK(e2e::FrameworkValue(q4, "pytorch") == 1);
  CHECK(e2e::FrameworkValue(q4, "tensorflow") == 0);
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
