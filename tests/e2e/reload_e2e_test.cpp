// The service life cycle against real peers: the systemd notify protocol on a
// datagram socket the test owns (READY after listen, WATCHDOG pings,
// RELOADING/READY around SIGHUP, STOPPING), and reloads that keep serving.
#include <catch2/catch.hpp>

#include <csignal>

#include "e2e_support.hpp"

using e2e::Get;
using e2e::GetJson;
using e2e::IntAt;
using mltrend_test::BuildPath;
using mltrend_test::FixturePath;
using mltrend_test::NotifySocket;

namespace {

std::filesystem::path Rules() { return FixturePath("huggingface/rules_tags_only.toml"); }

//! A second huggingface source, for reloads that add one.
std::string SecondSource(const std::string& base_url) {
  return "\n[[source]]\nname = \"hf2\"\nplugin = \"huggingface\"\ninterval = \"6h\"\njitter = \"0s\"\n"
         "base_url = \"" + base_url + "\"\n";
}

//! Index of the first datagram at or after `from` holding `line`; npos if none.
size_t IndexOf(const NotifySocket& notify, const std::string& line, size_t from = 0) {
  const auto& m = notify.Messages();
  for (size_t i = from; i < m.size(); ++i)
    if (NotifySocket::HasLine(m[i], line)) return i;
  return std::string::npos;
}

std::string StringAt(simdjson::dom::element e, std::string_view pointer) {
  std::string_view v;
  if (e.at_pointer(pointer).get(v) != simdjson::SUCCESS) return "<absent>";
  return std::string(v);
}

std::vector<std::string> SourceNames(const std::filesystem::path& socket) {
  simdjson::dom::parser parser;
  auto sources = GetJson(parser, socket, "/v1/sources");
  std::vector<std::string> names;
  simdjson::dom::array list;
  REQUIRE(sources["sources"].get(list) == simdjson::SUCCESS);
  for (auto s : list) names.push_back(StringAt(s, "/name"));
  return names;
}

}  // namespace

TEST_CASE("notify protocol: READY once listening, watchdog pings, RELOADING/READY on SIGHUP, STOPPING") {
  e2e::Sandbox box;
  // Nothing listens on port 9: the source fails and backs off, which is all
  // this test needs from it.
  box.WriteConfig("http://127.0.0.1:9", Rules());
  NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}, {"WATCHDOG_USEC", "100000"}});
  REQUIRE(notify.WaitFor("READY=1"));
  // READY means the socket answers.
  CHECK(Get(box.socket, "/healthz").status == 200);
  // The event loop keeps pinging at half of WATCHDOG_USEC after READY.
  const size_t ready = IndexOf(notify, "READY=1");
  REQUIRE(notify.WaitForCount("WATCHDOG=1", notify.Count("WATCHDOG=1") + 2));
  CHECK(IndexOf(notify, "WATCHDOG=1", ready + 1) != std::string::npos);

  // A broken config: the reload is refused, the daemon keeps serving the old one.
  const std::string good = mltrend_test::ReadFile(box.config);
  mltrend_test::WriteFile(box.config, good + "intervall = \"1h\"\n");
  daemon.Signal(SIGHUP);
  REQUIRE(notify.WaitForCount("READY=1", 2));
  const size_t reloading = IndexOf(notify, "RELOADING=1", ready + 1);
  REQUIRE(reloading != std::string::npos);
  CHECK(notify.Messages()[reloading].find("MONOTONIC_USEC=") != std::string::npos);
  CHECK(IndexOf(notify, "READY=1", reloading + 1) != std::string::npos);
  {
    simdjson::dom::parser parser;
    auto status = GetJson(parser, box.socket, "/v1/status");
    CHECK(IntAt(status, "/reload_failed_count") == 1);
    CHECK(IntAt(status, "/reload_count") == 0);
    const std::string error = StringAt(status, "/last_reload_error");
    CHECK(error.find(box.config.string() + ":") != std::string::npos);
    CHECK(error.find("intervall") != std::string::npos);
  }
  CHECK(SourceNames(box.socket) == std::vector<std::string>{"hf"});

  // A good one applies: a source is added, the socket never went away.
  mltrend_test::WriteFile(box.config, good + SecondSource("http://127.0.0.1:9"));
  daemon.Signal(SIGHUP);
  REQUIRE(notify.WaitForCount("READY=1", 3));
  CHECK(SourceNames(box.socket) == std::vector<std::string>{"hf", "hf2"});
  {
    simdjson::dom::parser parser;
    auto status = GetJson(parser, box.socket, "/v1/status");
    CHECK(IntAt(status, "/reload_count") == 1);
    CHECK(StringAt(status, "/last_reload_error") == "<absent>");  // null once a reload succeeded
    CHECK(StringAt(status, "/last_reload_change") == "sources +hf2");
  }

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  REQUIRE(notify.WaitFor("STOPPING=1"));
  CHECK(IndexOf(notify, "STOPPING=1") > IndexOf(notify, "READY=1", reloading + 1));
}

TEST_CASE("a reload keeps an unchanged source's schedule, removes one and refuses a new state_dir") {
  mltrend_test::ReplayServer replay;
  replay.LoadDirectory(BuildPath("e2e/hf_listing_pages"));
  replay.Start();
  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), Rules(), SecondSource(replay.BaseUrl()));
  NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  // Both crawls end (10 pages each); then hf's next run is 6 h away.
  auto next_run_of_hf = [&] {
    simdjson::dom::parser parser;
    auto sources = GetJson(parser, box.socket, "/v1/sources");
    return StringAt(sources, "/sources/0/next_run") + " " + StringAt(sources, "/sources/0/state") + " " +
           std::to_string(IntAt(sources, "/sources/0/runs"));
  };
  REQUIRE(replay.WaitForRequests(20, std::chrono::seconds(60)));
  std::string before;
  for (int i = 0; i < 10000; ++i) {  // until the run's completion reached the event loop
    before = next_run_of_hf();
    if (before.find(" scheduled 1") != std::string::npos) break;
  }
  REQUIRE(before.find(" scheduled 1") != std::string::npos);

  const std::string text = mltrend_test::ReadFile(box.config);
  box.WriteConfig(replay.BaseUrl(), Rules());  // hf2 removed
  daemon.Signal(SIGHUP);
  REQUIRE(notify.WaitForCount("READY=1", 2));
  CHECK(SourceNames(box.socket) == std::vector<std::string>{"hf"});
  CHECK(next_run_of_hf() == before);  // same timer, not restarted
  CHECK(replay.Requests().size() == 20);  // nothing refetched

  // state_dir cannot move under a running daemon: refused, still serving.
  std::string moved = mltrend_test::ReadFile(box.config);
  const std::string state_key = "state_dir = \"";
  moved.insert(moved.find(state_key) + state_key.size(), (box.dir / "elsewhere").string() + "-");
  mltrend_test::WriteFile(box.config, moved);
  daemon.Signal(SIGHUP);
  REQUIRE(notify.WaitForCount("READY=1", 3));
  simdjson::dom::parser parser;
  auto status = GetJson(parser, box.socket, "/v1/status");
  CHECK(StringAt(status, "/last_reload_error").find("state_dir") != std::string::npos);
  CHECK(IntAt(status, "/reload_count") == 1);
  CHECK(next_run_of_hf() == before);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

TEST_CASE("socket activation: with LISTEN_FDS the daemon serves on the passed socket and creates none") {
  e2e::Sandbox box;
  box.WriteConfig("http://127.0.0.1:9", Rules());
  // systemd's part, played by python: bind and listen, pass the socket as
  // fd 3 with LISTEN_FDS=1 and LISTEN_PID set to the pid exec keeps.
  const auto passed = box.dir / "activated.sock";
  const std::string launcher =
      "import os, socket, sys\n"
      "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
      "s.bind(sys.argv[1]); s.listen(16)\n"
      "os.dup2(s.fileno(), 3); os.set_inheritable(3, True)\n"
      "os.environ['LISTEN_FDS'] = '1'; os.environ['LISTEN_PID'] = str(os.getpid())\n"
      "os.execv(sys.argv[2], sys.argv[2:])\n";
  NotifySocket notify;
  mltrend_test::ChildProcess daemon({"python3", "-c", launcher, passed.string(), e2e::DaemonBinary().string(),
                                     "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  CHECK(Get(passed, "/healthz").status == 200);
  CHECK_FALSE(std::filesystem::exists(box.socket));  // the configured path was never created
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
