//===----------------------------------------------------------------------===//
// tests/crash — crash_inputs.cpp
//===----------------------------------------------------------------------===//
#include "crash_inputs.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "crash_support.hpp"
#include "e2e_support.hpp"

namespace fs = std::filesystem;
using mltrend_test::FixturePath;

namespace crash {

namespace {

std::string Tool(const std::string& script) { return FixturePath("../tools/" + script).string(); }

void RunTool(const std::vector<std::string>& argv) {
  std::string out;
  INFO(argv[1]);
  REQUIRE(mltrend_test::RunCommand(argv, out) == 0);
}

}  // namespace

Inputs::Inputs() : dump_(dir_ / "links-between-papers-and-code.json.gz") {
  const auto listing = FixturePath("huggingface/hf_models_top_downloads_2024-09-20.csv.gz").string();
  RunTool({"python3", Tool("hf_listing_to_pages.py"), listing, "--out", (dir_ / "hub").string(), "--page-size", "25"});
  // After the crawl, a run is a refresh: its first lastModified page.
  RunTool({"python3", Tool("hf_listing_to_pages.py"), listing, "--out", (dir_ / "hub_refresh").string(), "--page-size",
           "25", "--sort", "lastModified"});
  RunTool({"python3", Tool("pwc_csv_to_dump.py"),
           FixturePath("paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz").string(), dump_.string(),
           "--gzip"});
  hub.LoadDirectory(dir_ / "hub");
  hub.LoadDirectory(dir_ / "hub_refresh");
  hub.Start();
}

void PinToday() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  ::setenv("MLTREND_TEST_TODAY", date, 1);
}

void Verify(const fs::path& config) {
  mltrend_test::ChildProcess verify({e2e::DaemonBinary().string(), "--verify", "--config", config.string()});
  const int status = verify.Wait();
  INFO(verify.Stdout() << verify.Stderr());
  REQUIRE(status == 0);
}

void VerifyCopy(const fs::path& dir) {
  mltrend_test::TempDir copy;
  fs::copy(dir / "state", copy / "state", fs::copy_options::recursive);
  std::string config = mltrend_test::ReadFile(dir / "mltrend.toml");
  const std::string from = "state_dir = \"" + (dir / "state").string() + "\"";
  const size_t at = config.find(from);
  REQUIRE(at != std::string::npos);
  config.replace(at, from.size(), "state_dir = \"" + (copy / "state").string() + "\"");
  mltrend_test::WriteFile(copy / "mltrend.toml", config);
  Verify(copy / "mltrend.toml");
}

void CheckSameStore(const fs::path& interrupted_dir, const fs::path& uninterrupted_dir) {
  Verify(interrupted_dir / "mltrend.toml");
  Verify(uninterrupted_dir / "mltrend.toml");
  const StoreDump interrupted = DumpStore(interrupted_dir / "state");
  const StoreDump uninterrupted = DumpStore(uninterrupted_dir / "state");
  CHECK(interrupted.at("records").size() == kHubModels + kPwcLinks);
  const auto differences = CompareStores(interrupted, uninterrupted);
  std::printf("store comparison: %zu records, %zu checkpoint keys, %zu sink keys compared: %zu differences\n",
              uninterrupted.at("records").size(), uninterrupted.at("checkpoints").size(),
              uninterrupted.at("sinks").size(), differences.size());
  for (size_t i = 0; i < differences.size() && i < 20; ++i) std::printf("  %s\n", differences[i].c_str());
  std::fflush(stdout);
  CHECK(differences.empty());
}

void CompareTrends(const fs::path& interrupted_dir, const fs::path& uninterrupted_dir) {
  mltrend_test::NotifySocket interrupted_notify, uninterrupted_notify;
  mltrend_test::ChildProcess interrupted(
      {e2e::DaemonBinary().string(), "--config", (interrupted_dir / "mltrend.toml").string()},
      {{"NOTIFY_SOCKET", interrupted_notify.Path()}});
  mltrend_test::ChildProcess uninterrupted(
      {e2e::DaemonBinary().string(), "--config", (uninterrupted_dir / "mltrend.toml").string()},
      {{"NOTIFY_SOCKET", uninterrupted_notify.Path()}});
  REQUIRE(interrupted_notify.WaitFor("READY=1"));
  REQUIRE(uninterrupted_notify.WaitFor("READY=1"));
  size_t answers = 0, different = 0, with_series = 0;
  for (const std::string& target : TrendsTargets()) {
    auto a = e2e::Get(interrupted_dir / "run/mltrend.sock", target);
    auto b = e2e::Get(uninterrupted_dir / "run/mltrend.sock", target);
    INFO(target << "\ninterrupted: " << a.body << "\nuninterrupted: " << b.body);
    CHECK(b.status == 200);
    CHECK(a.status == b.status);
    CHECK(a.body == b.body);
    ++answers;
    different += a.body != b.body ? 1 : 0;
    const bool has_points = b.body.find("\"period\"") != std::string::npos;
    with_series += has_points ? 1 : 0;
    // The Hub listing has no official flag: official-only hf series are empty.
    if (target.find("sink=official&source=hf&") == std::string::npos) CHECK(has_points);
  }
  std::printf("trends comparison: %zu /v1/trends answers (%zu with points), %zu different\n", answers, with_series,
              different);
  std::fflush(stdout);
  interrupted.Signal(SIGTERM);
  uninterrupted.Signal(SIGTERM);
  CHECK(interrupted.Wait() == 0);
  CHECK(uninterrupted.Wait() == 0);
}

}  // namespace crash
