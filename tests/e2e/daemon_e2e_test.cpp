#include <catch2/catch.hpp>

#include <csignal>

#include "e2e_support.hpp"
#include "mltrendd/cli/socket_client.hpp"

using e2e::GetJson;
using e2e::IntAt;
using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

TEST_CASE("mltrendd --once over the recorded Hub listing counts what an independent count counts") {
  e2e::CrawledListing listing;
  INFO(listing.once_stderr);
  REQUIRE(listing.once_status == 0);
  e2e::Sandbox& box = listing.box;
  mltrend_test::ReplayServer& replay = listing.replay;
  size_t requests_after_once = replay.Requests().size();
  CHECK(requests_after_once == 10);  // 9,715 models, 1,000 a page

  // The offline check finds the store sound.
  mltrend_test::ChildProcess verify({e2e::DaemonBinary().string(), "--verify", "--config", box.config.string()});
  CHECK(verify.Wait() == 0);
  INFO(verify.Stdout() << verify.Stderr());
  CHECK_FALSE(verify.Stdout().empty());

  // Serve the stored trends; READY=1 comes from the notify socket, a real peer.
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  simdjson::dom::parser expected_parser;
  auto expected = e2e::LoadJson(expected_parser, BuildPath("e2e/hf_listing_expected.json"));
  simdjson::dom::parser parser;
  auto trends = GetJson(parser, box.socket, "/v1/trends?source=hf&axis=cohort&bucket=year&metric=exclusive");
  // The listing has no createdAt: every model is one "undated" cohort.
  REQUIRE(IntAt(trends, "/series/0/total") > 0);
  std::string_view period;
  REQUIRE(trends.at_pointer("/series/0/period").get(period) == simdjson::SUCCESS);
  CHECK(period == "undated");
  CHECK(IntAt(trends, "/series/0/total") == IntAt(expected, "/total"));
  CHECK(IntAt(trends, "/series/0/classified") == IntAt(expected, "/classified"));
  CHECK(IntAt(trends, "/series/0/unknown") == IntAt(expected, "/unknown"));
  CHECK(IntAt(trends, "/series/0/multi") == IntAt(expected, "/multi"));
  for (const char* f : {"pytorch", "tensorflow", "jax"}) {
    INFO(f);
    CHECK(IntAt(trends, std::string("/series/0/frameworks/") + f + "/value") ==
          IntAt(expected, std::string("/frameworks/") + f + "/exclusive"));
  }
  CHECK(IntAt(trends, "/series/0/total") == 9715);
  // 812 models tagged with several frameworks (424 pytorch+tf, 256
  // pytorch+tf+jax, 132 pytorch+jax: tests/fixtures/SOURCES.md) and 73 that
  // tag none and inherit several from their base models.
  CHECK(IntAt(trends, "/series/0/multi") == 424 + 256 + 132 + 73);
  CHECK(IntAt(expected, "/multi") == 885);
  simdjson::dom::parser parser2;
  auto available = GetJson(parser2, box.socket, "/v1/trends?source=hf&axis=cohort&bucket=year&metric=available");
  for (const char* f : {"pytorch", "tensorflow", "jax"}) {
    INFO(f);
    CHECK(IntAt(available, std::string("/series/0/frameworks/") + f + "/value") ==
          IntAt(expected, std::string("/frameworks/") + f + "/available"));
  }

  simdjson::dom::parser parser3;
  auto sources = GetJson(parser3, box.socket, "/v1/sources");
  CHECK(IntAt(sources, "/sources/0/records") == 9715);
  bool ok = false;
  REQUIRE(sources.at_pointer("/sources/0/last_run_ok").get(ok) == simdjson::SUCCESS);
  CHECK(ok);

  // The CLI renders the same figures.
  std::string out;
  REQUIRE(mltrend_test::RunCommand({e2e::CliBinary().string(), "--socket", box.socket.string(), "trends", "--source",
                                    "hf", "--bucket", "year", "--format", "csv"},
                                   out) == 0);
  CHECK(out.find("undated,9715," + std::to_string(IntAt(expected, "/classified")) + "," +
                 std::to_string(IntAt(expected, "/unknown")) + ",885,pytorch," +
                 std::to_string(IntAt(expected, "/frameworks/pytorch/exclusive")) + ",") != std::string::npos);
  REQUIRE(mltrend_test::RunCommand({e2e::CliBinary().string(), "--socket", box.socket.string(), "sources"}, out) == 0);
  CHECK(out.find("9715") != std::string::npos);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  CHECK(notify.WaitFor("STOPPING=1"));
  // The restarted daemon saw a complete, recent crawl: it fetched nothing.
  CHECK(replay.Requests().size() == requests_after_once);
}

TEST_CASE("the independent count, matching exactly, reproduces the figures the data came with") {
  // tests/fixtures/SOURCES.md: none of the three 5,346; pytorch only 3,537;
  // pytorch+tf 424; pytorch+tf+jax 256; pytorch+jax 132; tf only 10; jax only 10.
  std::string out;
  REQUIRE(mltrend_test::RunCommand({"python3", mltrend_test::FixturePath("../tools/count_hf_listing.py").string(),
                                    FixturePath("huggingface/hf_models_top_downloads_2024-09-20.csv.gz").string(),
                                    "--rules", FixturePath("huggingface/rules_tags_only.toml").string(),
                                    "--case-sensitive", "--no-lineage"},
                                   out) == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element counts;
  REQUIRE(parser.parse(out).get(counts) == simdjson::SUCCESS);
  CHECK(IntAt(counts, "/unknown") == 5346);
  CHECK(IntAt(counts, "/frameworks/pytorch/exclusive") == 3537);
  CHECK(IntAt(counts, "/frameworks/tensorflow/exclusive") == 10);
  CHECK(IntAt(counts, "/frameworks/jax/exclusive") == 10);
  CHECK(IntAt(counts, "/multi") == 424 + 256 + 132);
  CHECK(IntAt(counts, "/frameworks/pytorch/available") == 3537 + 424 + 256 + 132);
  CHECK(IntAt(counts, "/frameworks/tensorflow/available") == 10 + 424 + 256);
  CHECK(IntAt(counts, "/frameworks/jax/available") == 10 + 256 + 132);
}

TEST_CASE("a failing server makes --once exit non-zero, stores nothing, and the daemon still serves") {
  mltrend_test::ReplayServer replay;  // knows no target: every request gets a 404
  replay.Start();
  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), FixturePath("huggingface/rules_tags_only.toml"));
  std::string err;
  CHECK(box.RunDaemon({"--once"}, &err) == 1);
  CHECK(err.find("source hf") != std::string::npos);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  simdjson::dom::parser parser;
  auto sources = GetJson(parser, box.socket, "/v1/sources");
  CHECK(IntAt(sources, "/sources/0/records") == 0);
  std::string_view last_error;
  REQUIRE(sources.at_pointer("/sources/0/last_error").get(last_error) == simdjson::SUCCESS);
  CHECK(last_error.find("404") != std::string::npos);
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

TEST_CASE("check-config names the file, line and key of a mistake") {
  e2e::Sandbox box;
  box.WriteConfig("http://127.0.0.1:9", FixturePath("huggingface/rules_tags_only.toml"), "intervall = \"1h\"\n");
  std::string err;
  CHECK(box.RunDaemon({"--check-config"}, &err) == 78);
  // The stray key sits on line 18 of the generated file, in the [[sink]] table.
  CHECK(err.find(box.config.string() + ":18:") != std::string::npos);
  CHECK(err.find("intervall") != std::string::npos);

  box.WriteConfig("http://127.0.0.1:9", FixturePath("huggingface/rules_tags_only.toml"));
  CHECK(box.RunDaemon({"--check-config"}, &err) == 0);
}

TEST_CASE("cmake --install lays out binaries, plugins, SDK and config, and the installed daemon finds its plugins") {
  mltrend_test::TempDir prefix;
  std::string out;
  REQUIRE(mltrend_test::RunCommand({"cmake", "--install", BuildPath("").string(), "--prefix", prefix.path().string()},
                                   out) == 0);
  for (const char* f : {"bin/mltrendd", "bin/mltrend", "lib/mltrend/plugins/libmltrend_huggingface.so",
                        "lib/mltrend/plugins/libmltrend_framework_share.so", "include/mltrend/source.hpp",
                        "include/mltrend/plugin.hpp", "share/mltrend/mltrend.toml", "share/mltrend/rules/frameworks.toml",
                        "lib/cmake/mltrend_sdk/mltrend_sdkConfig.cmake", "lib/systemd/system/mltrendd.service",
                        "lib/systemd/system/mltrendd.socket", "etc/mltrend/mltrend.toml",
                        "etc/mltrend/rules/frameworks.toml", "share/doc/mltrend/copyright"}) {
    INFO(f);
    CHECK(std::filesystem::exists(prefix / f));
  }
  // The unit names the daemon of the prefix installed to, whatever prefix
  // the build was configured with.
  const std::string unit = mltrend_test::ReadFile(prefix / "lib/systemd/system/mltrendd.service");
  CHECK(unit.find("\nExecStart=" + (prefix / "bin/mltrendd").string() + " --config ") != std::string::npos);
  // The shipped example config has no plugin_dir: the installed daemon
  // must find <prefix>/lib/mltrend/plugins by itself.
  std::string err;
  mltrend_test::ChildProcess check({(prefix / "bin/mltrendd").string(), "--check-config", "--config",
                                    (prefix / "share/mltrend/mltrend.toml").string()});
  int status = check.Wait();
  INFO(check.Stderr());
  CHECK(status == 0);
}

TEST_CASE("docs/CONFIG.md is what mltrendd --help-config prints") {
  std::string out;
  REQUIRE(mltrend_test::RunCommand({e2e::DaemonBinary().string(), "--help-config"}, out) == 0);
  CHECK(out.find("## plugin `huggingface`") != std::string::npos);
  // Regenerate with: ./build/bin/mltrendd --help-config > docs/CONFIG.md
  CHECK(out == mltrend_test::ReadFile(FixturePath("../../docs/CONFIG.md")));
}
