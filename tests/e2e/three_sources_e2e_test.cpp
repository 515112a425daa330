// All three sources in one daemon, each against a replay of its real
// recordings: the Hub listing pages, the Papers with Code links subset as a
// dump, the GitHub topic search as search pages. `mltrend trends` then shows
// a series per source, and the official-only sink (picked with --sink)
// answers for Papers with Code.
#include <catch2/catch.hpp>

#include <csignal>

#include "e2e_support.hpp"

using e2e::GetJson;
using e2e::IntAt;
using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {


//! `mltrend --socket S <args...>`: its stdout; REQUIREs exit status 0.
std::string Cli(const std::filesystem::path& socket, std::vector<std::string> args) {
  args.insert(args.begin(), {e2e::CliBinary().string(), "--socket", socket.string()});
  mltrend_test::ChildProcess cli(args);
  const int status = cli.Wait();
  INFO(cli.Stderr());
  REQUIRE(status == 0);
  return cli.Stdout();
}

}  // namespace

TEST_CASE("three sources in one daemon (hf + paperswithcode + github) fill the store and mltrend trends shows each series") {
  e2e::RecordedSources recorded;
  mltrend_test::ReplayServer& hub = recorded.hub;
  e2e::Sandbox box;
  box.WriteConfig(hub.BaseUrl(), e2e::ShippedRules(),
                  "\n[[sink]]\nname = \"official\"\nplugin = \"framework_share\"\nofficial_only = true\n"
                  "rules = \"" + e2e::ShippedRules().string() + "\"\n" + recorded.PwcAndGithubSources());
  std::string err;
  const int status = box.RunDaemon({"--once"}, &err);
  INFO(err);
  REQUIRE(status == 0);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  simdjson::dom::parser parser;
  auto sources = GetJson(parser, box.socket, "/v1/sources");
  CHECK(IntAt(sources, "/sources/0/records") == 9715);  // hf: every listed model
  CHECK(IntAt(sources, "/sources/1/records") == 2297);  // pwc: every link of the subset
  CHECK(IntAt(sources, "/sources/2/records") == 9483);  // gh: every repository once

  // One series per source, through the CLI a person uses.
  const std::string hf = Cli(box.socket, {"trends", "--source", "hf", "--bucket", "year"});
  CHECK(hf.find("source hf") == 0);
  CHECK(hf.find("undated") != std::string::npos);  // the listing has no createdAt
  const std::string gh = Cli(box.socket, {"trends", "--source", "gh", "--bucket", "year", "--weight", "stars"});
  CHECK(gh.find("source gh") == 0);
  CHECK(gh.find("2020") != std::string::npos);
  const std::string pwc = Cli(box.socket, {"trends", "--source", "pwc", "--bucket", "quarter", "--format", "csv"});
  CHECK(pwc.find("2021-Q2,") != std::string::npos);

  // Both sinks answer /v1/trends; sink= picks the official-only one.
  simdjson::dom::parser p1, p2;
  auto all = GetJson(p1, box.socket, "/v1/trends?source=pwc&bucket=year&sink=trends");
  auto official = GetJson(p2, box.socket, "/v1/trends?source=pwc&bucket=year&sink=official");
  int64_t all_total = 0, official_total = 0;
  for (auto point : all["series"].get_array()) all_total += IntAt(point, "/total");
  for (auto point : official["series"].get_array()) official_total += IntAt(point, "/total");
  CHECK(all_total == 2297);
  CHECK(official_total == 1421);  // is_official links only
  CHECK(e2e::Get(box.socket, "/v1/trends?source=pwc&sink=nope").status == 400);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
