//===----------------------------------------------------------------------===//
// tests/hostile — bad_config_test.cpp
//===----------------------------------------------------------------------===//
// The bad-config corpus (tests/fixtures/bad_config/*.toml, one mistake each,
// its expected message on the first line as "# expect: LINE:COL: ...")
// against the real mltrendd: --check-config and a normal start both refuse
// it with a message naming file:line:column and the key, exit without a
// signal, and leave nothing half-started (no socket, no READY=1, no store).
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "e2e_support.hpp"

namespace fs = std::filesystem;

namespace {

struct BadConfig {
  std::string name;
  std::string text;    //!< the file with its placeholders filled in
  std::string expect;  //!< what follows "<file>:" in the message
};

std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(mltrend_test::FixturePath("bad_config")))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

BadConfig Load(const fs::path& file, const fs::path& dir) {
  BadConfig c;
  c.name = file.stem().string();
  std::string text = mltrend_test::ReadFile(file);
  const std::string marker = "# expect: ";
  REQUIRE(text.rfind(marker, 0) == 0);
  c.expect = text.substr(marker.size(), text.find('\n') - marker.size());
  text = mltrend_test::ReplaceAll(text, "{{dir}}", dir.string());
  text = mltrend_test::ReplaceAll(text, "{{plugins}}", mltrend_test::BuildPath("lib/mltrend/plugins").string());
  c.text = mltrend_test::ReplaceAll(text, "{{rules}}", e2e::ShippedRules().string());
  return c;
}

//! A refusal: a normal non-zero exit (a signal reads as 128+N) and the
//! expected message, which starts at "<file>:LINE:COL: ".
void CheckRefused(int status, const std::string& err, const fs::path& config, const std::string& expect) {
  INFO("stderr: " << err);
  CHECK(status != 0);
  CHECK(status > 0);
  CHECK(status < 128);
  CHECK(err.find(config.string() + ":" + expect) != std::string::npos);
  const std::regex position("(^|\n)(mltrendd: )?" + std::regex_replace(config.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                            R"(:[0-9]+:[0-9]+: )");
  CHECK(std::regex_search(err, position));
}

}  // namespace

TEST_CASE("the bad-config corpus: each mistake is refused naming file:line:column and the key, nothing half-starts") {
  const std::vector<fs::path> files = CorpusFiles();
  REQUIRE(files.size() == 38);  // README, Reliability: "38 files"
  for (const fs::path& file : files) {
    mltrend_test::TempDir dir;
    const BadConfig c = Load(file, dir.path());
    INFO("bad config " << c.name << ", expecting: " << c.expect);
    const fs::path config = dir / "mltrend.toml";
    mltrend_test::WriteFile(config, c.text);

    mltrend_test::ChildProcess check({e2e::DaemonBinary().string(), "--check-config", "--config", config.string()});
    const int check_status = check.Wait(std::chrono::seconds(60));
    CheckRefused(check_status, check.Stderr(), config, c.expect);
    CHECK(check.Stdout().find(": ok") == std::string::npos);

    mltrend_test::NotifySocket notify;
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", config.string()},
                                      {{"NOTIFY_SOCKET", notify.Path()}});
    const int daemon_status = daemon.Wait(std::chrono::seconds(60));
    CheckRefused(daemon_status, daemon.Stderr(), config, c.expect);
    // The daemon has exited: whatever it sent is already queued.
    CHECK_FALSE(notify.WaitFor("READY=1", std::chrono::milliseconds(100)));
    CHECK_FALSE(fs::exists(dir / "run/mltrend.sock"));
    CHECK_FALSE(fs::exists(dir / "state"));
  }
}
