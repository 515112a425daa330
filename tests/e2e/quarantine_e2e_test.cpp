// A plugin that kills the daemon, restarted into it as systemd would: the
// lives of a real mltrendd against one store, with a source plugin that
// raises SIGSEGV (or hangs past shutdown_grace) while a file exists
// (tests/e2e/plugins/test_misbehave.cpp). After quarantine_after (3) deaths
// inside the same instance it is quarantined: not started, shown in
// /v1/sources, `mltrend status`, /metrics and the log, until `mltrend
// unquarantine` or a change to its table clears it. Other sources run on.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "e2e_support.hpp"

using mltrend_test::BuildPath;

namespace {

constexpr const char* kCrashyReason =
    "quarantined after 3 consecutive daemon deaths inside it (last: signal 11 (SIGSEGV) in its run); not started "
    "until `mltrend unquarantine crashy` or a change to its [[source]] table";

//! The child's environment: under ASan, handle_segv=0 so a SIGSEGV kills
//! the daemon as it does in a normal build (ASan would report and exit 1).
std::map<std::string, std::string> ChildEnv(const std::string& notify = "") {
  const char* asan = std::getenv("ASAN_OPTIONS");
  std::map<std::string, std::string> env = {
      {"ASAN_OPTIONS", std::string(asan && *asan ? std::string(asan) + ":" : "") + "handle_segv=0"}};
  if (!notify.empty()) env["NOTIFY_SOCKET"] = notify;
  return env;
}

//! A store, a replay server the plugin's runs GET, and two (or more) sources.
struct Lives {
  mltrend_test::TempDir dir;
  mltrend_test::ReplayServer replay;
  std::filesystem::path config = dir / "mltrend.toml";
  std::filesystem::path socket = dir / "run/mltrend.sock";
  std::filesystem::path segv = dir / "segv";
  std::filesystem::path hang = dir / "hang";

  Lives() {
    for (const char* target : {"/crashy", "/steady", "/stuck"}) {
      mltrend_test::Exchange ok;
      ok.target = target;
      ok.body = "ok";
      replay.Add(ok);
    }
    replay.Start();
    // A crash leaves no core file behind in the test's directory.
    struct rlimit no_core {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
  }

  //! `[daemon]` (plus `daemon_extra`) and then `sources` (tables from Source()).
  void WriteConfig(const std::string& sources, const std::string& daemon_extra = "") {
    mltrend_test::WriteFile(config, "[daemon]\nstate_dir = \"" + (dir / "state").string() + "\"\nsocket = \"" +
                                        socket.string() + "\"\nplugin_dir = \"" +
                                        BuildPath("test-plugins-e2e").string() + "\"\nlog_level = \"info\"\n" +
                                        daemon_extra + sources);
  }
  std::string Source(const std::string& name, const std::string& extra = "") const {
    return "\n[[source]]\nname = \"" + name + "\"\nplugin = \"test_misbehave\"\nbase_url = \"" + replay.BaseUrl() +
           "\"\ninterval = \"1s\"\njitter = \"0s\"\n" + extra;
  }

  //! A life that ends by itself (a crash): its exit status and log.
  int Die(std::string& err) {
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", config.string()}, ChildEnv());
    const int status = daemon.Wait(std::chrono::seconds(60));
    err = daemon.Stderr();
    return status;
  }

  //! Waits until `target` has been requested `n` times.
  bool WaitForTarget(const std::string& target, size_t n) const {
    for (size_t seen = replay.Requests().size(); replay.RequestCount(target) < n; ++seen) {
      if (!replay.WaitForRequests(seen + 1, std::chrono::seconds(30))) return false;
    }
    return true;
  }
};

//! A life that serves: started on the Lives' config, READY awaited.
struct ServingLife {
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon;
  explicit ServingLife(const Lives& lives)
      : daemon({e2e::DaemonBinary().string(), "--config", lives.config.string()}, ChildEnv(notify.Path())) {
    REQUIRE(notify.WaitFor("READY=1"));
  }
  //! SIGTERM; the exit status.
  int Stop() {
    daemon.Signal(SIGTERM);
    return daemon.Wait();
  }
};

simdjson::dom::element SourceNamed(simdjson::dom::element sources, const std::string& name) {
  for (simdjson::dom::element s : sources["sources"].get_array()) {
    if (s["name"].get_string().value() == name) return s;
  }
  FAIL("no source " << name << " in /v1/sources");
  return sources;
}

//! The value of the sample line `series` ("name{labels}") in a /metrics text; "" when absent.
std::string SampleText(const std::string& metrics, const std::string& series) {
  const size_t at = metrics.find("\n" + series + " ");
  if (at == std::string::npos) return "";
  const size_t start = at + series.size() + 2;
  return metrics.substr(start, metrics.find('\n', start) - start);
}

void Touch(const std::filesystem::path& file) { mltrend_test::WriteFile(file, ""); }

}  // namespace

TEST_CASE("a source that segfaults three lives in a row is quarantined until unquarantined or its table changes") {
  Lives lives;
  const std::string steady = lives.Source("steady");
  const std::string crashy_table = lives.Source("crashy", "segv_if_exists = \"" + lives.segv.string() + "\"\n");
  lives.WriteConfig(crashy_table + steady);
  Touch(lives.segv);

  // Lives 1..3: each dies of the SIGSEGV the plugin raises in its run.
  for (int life = 1; life <= 3; ++life) {
    INFO("life " << life);
    std::string err;
    CHECK(lives.Die(err) == 128 + SIGSEGV);
    INFO(err);
    if (life > 1) {
      CHECK(err.find("the previous mltrendd died inside source.crashy: signal 11 (SIGSEGV) in its run (death " +
                     std::to_string(life - 1) + " in a row)") != std::string::npos);
    }
  }

  // Life 4: crashy is quarantined, steady runs.
  {
    ServingLife life(lives);
    const size_t steady_before = lives.replay.RequestCount("/steady");
    REQUIRE(lives.WaitForTarget("/steady", steady_before + 1));
    simdjson::dom::parser parser;
    auto sources = e2e::GetJson(parser, lives.socket, "/v1/sources");
    auto crashy = SourceNamed(sources, "crashy");
    CHECK(crashy["state"].get_string().value() == "quarantined");
    CHECK(crashy["consecutive_deaths"].get_int64().value() == 3);
    CHECK(crashy["quarantine"].get_string().value() == kCrashyReason);
    CHECK(crashy["runs"].get_uint64().value() == 0);
    auto steady_json = SourceNamed(sources, "steady");
    CHECK(steady_json["consecutive_deaths"].get_int64().value() == 0);
    CHECK(steady_json["quarantine"].is_null());
    CHECK(lives.replay.RequestCount("/crashy") == 0);

    const std::string metrics = e2e::Get(lives.socket, "/metrics").body;
    CHECK(SampleText(metrics, R"(mltrend_plugin_quarantined{kind="source",instance="crashy"})") == "1");
    CHECK(SampleText(metrics, R"(mltrend_plugin_quarantined{kind="source",instance="steady"})") == "0");
    CHECK(SampleText(metrics, R"(mltrend_plugin_consecutive_deaths{kind="source",instance="crashy"})") == "3");
    CHECK(SampleText(metrics, R"(mltrend_source_state{source="crashy",state="quarantined"})") == "1");

    std::string status;
    REQUIRE(mltrend_test::RunCommand({e2e::CliBinary().string(), "--socket", lives.socket.string(), "status"},
                                     status) == 0);
    CHECK(status.find(std::string("  QUARANTINED  ") + kCrashyReason + "\n") != std::string::npos);

    // The error line in the log (the journal under systemd).
    CHECK(life.daemon.Stderr().find(std::string(" error [mltrendd] source crashy ") + kCrashyReason) !=
          std::string::npos);

    // Fixed (the file gone) and cleared: it runs again at once, in this life.
    std::filesystem::remove(lives.segv);
    std::string out;
    REQUIRE(mltrend_test::RunCommand(
                {e2e::CliBinary().string(), "--socket", lives.socket.string(), "unquarantine", "crashy"}, out) == 0);
    CHECK(out == "source crashy: quarantine cleared; the daemon starts it again\n");
    REQUIRE(lives.WaitForTarget("/crashy", 1));
    CHECK(mltrend_test::RunCommand(
              {e2e::CliBinary().string(), "--socket", lives.socket.string(), "unquarantine", "nosuch"}, out) == 1);
    CHECK(life.Stop() == 0);
    CHECK(life.daemon.Stderr().find("source crashy unquarantined on request: starting it") != std::string::npos);
  }

  // Lives 5..7 crash again (the counter restarted at 0 after the good run);
  // life 8 finds it quarantined again.
  Touch(lives.segv);
  for (int life = 5; life <= 7; ++life) {
    std::string err;
    CHECK(lives.Die(err) == 128 + SIGSEGV);
  }
  {
    ServingLife life(lives);
    simdjson::dom::parser parser;
    auto crashy = SourceNamed(e2e::GetJson(parser, lives.socket, "/v1/sources"), "crashy");
    CHECK(crashy["quarantine"].get_string().value() == kCrashyReason);
    CHECK(life.Stop() == 0);
  }

  // A change to its table clears it (here: its backoff; the fix is in).
  std::filesystem::remove(lives.segv);
  lives.WriteConfig(crashy_table + "backoff_initial = \"40s\"\n" + steady);
  {
    ServingLife life(lives);
    const size_t crashy_before = lives.replay.RequestCount("/crashy");
    REQUIRE(lives.WaitForTarget("/crashy", crashy_before + 1));
    simdjson::dom::parser parser;
    auto crashy = SourceNamed(e2e::GetJson(parser, lives.socket, "/v1/sources"), "crashy");
    CHECK(crashy["quarantine"].is_null());
    CHECK(crashy["consecutive_deaths"].get_int64().value() == 0);
    CHECK(life.Stop() == 0);
    CHECK(life.daemon.Stderr().find("source crashy: its table changed; 3 counted death(s) cleared") !=
          std::string::npos);
  }
}

TEST_CASE("a source that hangs past shutdown_grace: the daemon exits anyway, names it, and counts a death") {
  Lives lives;
  // No other source: one whose run happened to be in flight at the SIGTERM
  // would outlive the 300 ms too (a slow ASan build did), be named beside
  // stuck, and be charged a death of its own.
  lives.WriteConfig(lives.Source("stuck", "hang_if_exists = \"" + lives.hang.string() + "\"\n"),
                    "shutdown_grace = \"300ms\"\n");
  Touch(lives.hang);
  for (int n = 1; n <= 3; ++n) {
    INFO("life " << n);
    ServingLife life(lives);
    REQUIRE(lives.WaitForTarget("/stuck-hanging", static_cast<size_t>(n)));
    simdjson::dom::parser parser;
    auto stuck = SourceNamed(e2e::GetJson(parser, lives.socket, "/v1/sources"), "stuck");
    CHECK(stuck["consecutive_deaths"].get_int64().value() == n - 1);
    CHECK(stuck["quarantine"].is_null());
    CHECK(life.Stop() == 1);
    CHECK(life.daemon.Stderr().find(" error [mltrendd] still busy after the 300 ms shutdown_grace: source.stuck "
                                    "(death " + std::to_string(n) + " in a row); exiting anyway") != std::string::npos);
  }
  ServingLife life(lives);
  simdjson::dom::parser parser;
  auto stuck = SourceNamed(e2e::GetJson(parser, lives.socket, "/v1/sources"), "stuck");
  CHECK(stuck["state"].get_string().value() == "quarantined");
  CHECK(stuck["quarantine"].get_string().value() ==
        std::string("quarantined after 3 consecutive daemon deaths inside it (last: did not return within "
                    "shutdown_grace (300 ms) at a stop); not started until `mltrend unquarantine stuck` or a change "
                    "to its [[source]] table"));
  CHECK(lives.replay.RequestCount("/stuck-hanging") == 3);
  CHECK(life.Stop() == 0);  // nothing of it runs, so nothing hangs
}

TEST_CASE("a sink that segfaults in its open three lives in a row is quarantined while the sources run on") {
  Lives lives;
  lives.WriteConfig(lives.Source("steady") + "\n[[sink]]\nname = \"boom\"\nplugin = \"test_misbehave_sink\"\n" +
                    "segv_if_exists = \"" + lives.segv.string() + "\"\n");
  Touch(lives.segv);
  for (int n = 1; n <= 3; ++n) {
    INFO("life " << n);
    std::string err;
    CHECK(lives.Die(err) == 128 + SIGSEGV);  // the first fold opens the sink, before READY
  }
  ServingLife life(lives);
  const size_t steady_before = lives.replay.RequestCount("/steady");
  REQUIRE(lives.WaitForTarget("/steady", steady_before + 1));
  simdjson::dom::parser parser;
  auto sink = e2e::GetJson(parser, lives.socket, "/v1/sources")["sinks"].at(0);
  CHECK(sink["name"].get_string().value() == "boom");
  CHECK(sink["consecutive_deaths"].get_int64().value() == 3);
  CHECK(sink["quarantine"].get_string().value() ==
        std::string("quarantined after 3 consecutive daemon deaths inside it (last: signal 11 (SIGSEGV) in its "
                    "fold); not started until `mltrend unquarantine boom` or a change to its [[sink]] table"));
  CHECK(SampleText(e2e::Get(lives.socket, "/metrics").body,
                   R"(mltrend_plugin_quarantined{kind="sink",instance="boom"})") == "1");
  // No source is named boom: the command finds the sink.
  std::filesystem::remove(lives.segv);
  std::string out;
  REQUIRE(mltrend_test::RunCommand({e2e::CliBinary().string(), "--socket", lives.socket.string(), "unquarantine",
                                    "boom"},
                                   out) == 0);
  CHECK(out == "sink boom: quarantine cleared; the daemon starts it again\n");
  auto cleared = e2e::GetJson(parser, lives.socket, "/v1/sources")["sinks"].at(0);
  CHECK(cleared["consecutive_deaths"].get_int64().value() == 0);
  CHECK(cleared["quarantine"].is_null());
  CHECK(life.Stop() == 0);
  CHECK(life.daemon.Stderr().find("sink boom unquarantined on request: folding it") != std::string::npos);
}

TEST_CASE("a failed fold is tried again on its own once the fault clears with no new run") {
  Lives lives;
  // One run at start that commits nothing, the next 6 h later: only the
  // scheduler's own retry can fold the sink once the fault has cleared.
  lives.WriteConfig("\n[[source]]\nname = \"steady\"\nplugin = \"test_misbehave\"\nbase_url = \"" +
                    lives.replay.BaseUrl() + "\"\ninterval = \"6h\"\njitter = \"0s\"\n" +
                    "\n[[sink]]\nname = \"flaky\"\nplugin = \"test_misbehave_sink\"\nfail_if_exists = \"" +
                    (lives.dir / "fail").string() + "\"\n");
  Touch(lives.dir / "fail");
  ServingLife life(lives);
  REQUIRE(life.daemon.WaitForStderr([](const std::string& err) {
    return err.find("a fold failed (2 in a row); the sinks fold again in 2000 ms") != std::string::npos;
  }));
  simdjson::dom::parser parser;
  auto failing = e2e::GetJson(parser, lives.socket, "/v1/sources")["sinks"].at(0);
  CHECK(failing["last_error"].get_string().value() == (lives.dir / "fail").string() + " exists");
  CHECK(failing["last_fold"].is_null());

  std::filesystem::remove(lives.dir / "fail");
  REQUIRE(life.daemon.WaitForStderr([](const std::string& err) {
    return err.find("the sinks folded again after ") != std::string::npos;
  }));
  auto folded = e2e::GetJson(parser, lives.socket, "/v1/sources")["sinks"].at(0);
  CHECK(folded["last_error"].is_null());
  CHECK(folded["last_fold"].is_string());
  CHECK(lives.replay.RequestCount("/steady") == 1);  // no run brought that fold
  CHECK(life.Stop() == 0);
}

TEST_CASE("every metric family /metrics serves has its row in docs/METRICS.md, and every row is served") {
  Lives lives;
  lives.WriteConfig(lives.Source("steady"));
  ServingLife life(lives);
  const std::string metrics = e2e::Get(lives.socket, "/metrics").body;
  std::set<std::string> served, documented;
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) served.insert(line.substr(7, line.find(' ', 7) - 7));
  }
  // The rows of the tables: "| `name` | type | ...".
  std::istringstream doc(mltrend_test::ReadFile(mltrend_test::FixturePath("../../docs/METRICS.md")));
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const size_t end = line.find('`', 3);
    const std::string name = line.substr(3, end - 3);
    if (name.rfind("mltrend_", 0) == 0 || name.rfind("process_", 0) == 0) documented.insert(name);
  }
  for (const auto& name : served) {
    INFO(name << " is served but has no row in docs/METRICS.md");
    CHECK(documented.count(name) == 1);
  }
  for (const auto& name : documented) {
    INFO(name << " has a row in docs/METRICS.md but is not served");
    CHECK(served.count(name) == 1);
  }
  // 14 source families (with mltrend_store_records), 4 sink, 2 plugin-instance, 4 store (with the write
  // errors and the full disk), 5 query, 2 process.
  CHECK(served.size() == 31);
  CHECK(life.Stop() == 0);
}
