//===----------------------------------------------------------------------===//
// tests/sdk_examples — sdk_examples_test.cpp
//===----------------------------------------------------------------------===//
// What a third party does: install mltrend, build the two example plugins
// out of tree against the installed SDK only (find_package(mltrend_sdk)),
// install them beside the shipped plugins, and run them in the installed
// daemon: --once three times (a fresh read, an unchanged file, a changed
// one), then serving, asking the example sink's own route and /v1/plugins.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mltrend/abi.hpp"
#include "mltrend_test/process.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/cli/socket_client.hpp"

namespace {

namespace fs = std::filesystem;
using mltrend_test::ChildProcess;

//! The daemon logs to the journal when JOURNAL_STREAM says so and notifies
//! NOTIFY_SOCKET when set: clear both, so a CI runner's own don't leak in.
const std::map<std::string, std::string> kCleanEnv = {{"JOURNAL_STREAM", ""}, {"NOTIFY_SOCKET", ""}};

//! Runs a command to completion and REQUIREs exit status 0, showing its output otherwise.
void Run(const std::vector<std::string>& argv) {
  ChildProcess child(argv, kCleanEnv);
  const int status = child.Wait(std::chrono::minutes(10));
  INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << " exited " << status << "\n"
               << child.Stdout() << child.Stderr());
  REQUIRE(status == 0);
}

//! `mltrendd --once`, REQUIREs exit 0 and returns its log (stderr).
std::string RunOnce(const fs::path& daemon, const fs::path& config) {
  ChildProcess child({daemon.string(), "--once", "--config", config.string()}, kCleanEnv);
  const int status = child.Wait();
  const std::string log = child.Stderr();
  INFO(log);
  REQUIRE(status == 0);
  return log;
}

//! cmake configure + build + install of one example into `prefix`.
void BuildExample(const std::string& name, const fs::path& work, const fs::path& prefix) {
  const fs::path source = fs::path(MLTREND_SOURCE_DIR) / "sdk/examples" / name;
  const fs::path build = work / ("build-" + name);
  Run({MLTREND_CMAKE_COMMAND, "-S", source.string(), "-B", build.string(), "-G", MLTREND_CMAKE_GENERATOR,
       "-DCMAKE_MAKE_PROGRAM=" MLTREND_CMAKE_MAKE_PROGRAM, "-DCMAKE_CXX_COMPILER=" MLTREND_CXX_COMPILER,
       "-DCMAKE_PREFIX_PATH=" + prefix.string()});
  Run({MLTREND_CMAKE_COMMAND, "--build", build.string()});
  Run({MLTREND_CMAKE_COMMAND, "--install", build.string(), "--prefix", prefix.string()});
}

//! cmake creates directories with the runner's umask; the daemon refuses
//! world-writable plugin directories, so make it what a package would ship.
void ShipModes(const fs::path& plugin_dir) {
  const auto mode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                    fs::perms::others_exec;
  fs::permissions(plugin_dir, mode);
  for (const auto& entry : fs::directory_iterator(plugin_dir)) fs::permissions(entry.path(), mode);
}

std::string Get(const fs::path& socket, const std::string& target, int expected_status) {
  mltrendd::SocketAnswer answer;
  const mltrend::Status s = mltrendd::SocketGet(socket, target, answer);
  INFO(target << ": " << s.message() << " " << answer.body);
  REQUIRE(s.ok());
  REQUIRE(answer.status == expected_status);
  return answer.body;
}

int64_t IntAt(simdjson::dom::element e, std::string_view pointer) {
  int64_t v = -1;
  INFO("no integer at " << pointer);
  REQUIRE(e.at_pointer(pointer).get(v) == simdjson::SUCCESS);
  return v;
}

std::string StringAt(simdjson::dom::element e, std::string_view pointer) {
  std::string_view v;
  INFO("no string at " << pointer);
  REQUIRE(e.at_pointer(pointer).get(v) == simdjson::SUCCESS);
  return std::string(v);
}

}  // namespace

TEST_CASE("the SDK examples build out of tree against the installed SDK and run in the installed daemon") {
  mltrend_test::TempDir tmp;
  const fs::path prefix = tmp / "prefix";
  Run({MLTREND_CMAKE_COMMAND, "--install", mltrend_test::BuildPath("").string(), "--prefix", prefix.string()});
  REQUIRE(fs::exists(prefix / "lib/cmake/mltrend_sdk/mltrend_sdkConfig.cmake"));
  BuildExample("jsonl_source", tmp.path(), prefix);
  BuildExample("count_sink", tmp.path(), prefix);
  const fs::path plugin_dir = prefix / "lib/mltrend/plugins";
  REQUIRE(fs::exists(plugin_dir / "libmltrend_jsonl.so"));
  REQUIRE(fs::exists(plugin_dir / "libmltrend_count.so"));
  ShipModes(plugin_dir);

  // The daemon finds its plugins beside itself (<prefix>/lib/mltrend/plugins).
  const fs::path daemon = prefix / "bin/mltrendd";
  const fs::path records = tmp / "records.jsonl";
  fs::copy_file(mltrend_test::FixturePath("sdk_examples/records.jsonl"), records);
  const fs::path config = tmp / "mltrend.toml";
  const fs::path socket = tmp / "run/mltrend.sock";
  mltrend_test::WriteFile(config, "[daemon]\n"
                                  "state_dir = \"" + (tmp / "state").string() + "\"\n"
                                  "socket = \"" + socket.string() + "\"\n"
                                  "\n[[source]]\nname = \"local\"\nplugin = \"jsonl\"\n"
                                  "path = \"records.jsonl\"\npage_size = 4\njitter = \"0s\"\n"
                                  "\n[[sink]]\nname = \"counts\"\nplugin = \"count\"\n");

  // 1. A fresh read: 20 lines, 5 full pages and a final one saying "done";
  // the line with month 13 is rejected and named in the log.
  std::string log = RunOnce(daemon, config);
  CHECK(log.find("pages 6, inserted 19, updated 0, unchanged 0, rejected 1") != std::string::npos);
  CHECK(log.find("id 'bad-date'") != std::string::npos);
  CHECK(log.find("counting every stored record") != std::string::npos);  // a new sink counts the store once

  // 2. The file is unchanged (Page::state kept its size and mtime): nothing is read.
  log = RunOnce(daemon, config);
  CHECK(log.find("unchanged since it was last read completely") != std::string::npos);
  CHECK(log.find("pages 0, inserted 0") != std::string::npos);

  // 3. One record moves from 2023-01 to 2024-02 and one is added: the file is
  // read again, and the sink folds the two changes from its cursor.
  std::string text = mltrend_test::ReadFile(records);
  const std::string moved_from = R"("id":"m03","name":"acme/vit","date":"2023-01-31")";
  REQUIRE(text.find(moved_from) != std::string::npos);
  text.replace(text.find(moved_from), moved_from.size(), R"("id":"m03","name":"acme/vit","date":"2024-02-15")");
  text += R"({"id":"m20","name":"acme/new","date":"2024-05-02","tags":["pytorch"]})" "\n";
  mltrend_test::WriteFile(records, text);
  log = RunOnce(daemon, config);
  CHECK(log.find("inserted 1, updated 1, unchanged 18, rejected 1") != std::string::npos);
  CHECK(log.find("counting every stored record") == std::string::npos);

  // 4. Serve: READY=1 on a real notify socket, then ask over the query socket.
  mltrend_test::NotifySocket notify;
  ChildProcess serving({daemon.string(), "--config", config.string()},
                       {{"NOTIFY_SOCKET", notify.Path()}, {"JOURNAL_STREAM", ""}});
  const bool ready = notify.WaitFor("READY=1");
  INFO(serving.Stderr());
  REQUIRE(ready);

  simdjson::dom::parser parser;
  simdjson::dom::element counts;
  const std::string counts_body = Get(socket, "/v1/counts?source=local", 200);
  INFO(counts_body);
  REQUIRE(parser.parse(counts_body).get(counts) == simdjson::SUCCESS);
  CHECK(StringAt(counts, "/source") == "local");
  CHECK(IntAt(counts, "/total") == 20);
  CHECK(IntAt(counts, "/months/2023-01") == 2);
  CHECK(IntAt(counts, "/months/2023-06") == 4);
  CHECK(IntAt(counts, "/months/2024-02") == 6);
  CHECK(IntAt(counts, "/months/2024-05") == 5);
  CHECK(IntAt(counts, "/months/undated") == 3);
  Get(socket, "/v1/counts?source=nope", 404);
  Get(socket, "/v1/counts?bucket=year", 400);

  simdjson::dom::parser plugins_parser;
  simdjson::dom::element plugins;
  const std::string plugins_body = Get(socket, "/v1/plugins", 200);
  INFO(plugins_body);
  REQUIRE(plugins_parser.parse(plugins_body).get(plugins) == simdjson::SUCCESS);
  std::map<std::string, simdjson::dom::element> by_name;
  simdjson::dom::array list;
  REQUIRE(plugins["plugins"].get(list) == simdjson::SUCCESS);
  for (simdjson::dom::element p : list) by_name[StringAt(p, "/name")] = p;
  REQUIRE(by_name.count("jsonl") == 1);
  REQUIRE(by_name.count("count") == 1);
  CHECK(StringAt(by_name["jsonl"], "/kind") == "source");
  CHECK(StringAt(by_name["jsonl"], "/version") == "1.0.0");
  CHECK(StringAt(by_name["jsonl"], "/sdk_version") == MLTREND_SDK_VERSION);
  CHECK(fs::weakly_canonical(StringAt(by_name["jsonl"], "/file")) ==
        fs::weakly_canonical(plugin_dir / "libmltrend_jsonl.so"));
  CHECK(StringAt(by_name["count"], "/kind") == "sink");
  CHECK(StringAt(by_name["count"], "/sdk_version") == MLTREND_SDK_VERSION);
  CHECK(fs::weakly_canonical(StringAt(by_name["count"], "/file")) ==
        fs::weakly_canonical(plugin_dir / "libmltrend_count.so"));

  serving.Signal(SIGTERM);
  CHECK(serving.Wait() == 0);
  CHECK(notify.WaitFor("STOPPING=1"));
  // The counts were loaded from the sink's state, not recounted.
  CHECK(serving.Stderr().find("counting every stored record") == std::string::npos);
}
