#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>

#include "e2e_support.hpp"
#include "mltrendd/store/store.hpp"

using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {

//! The target of the n-th (1-based) exchange of a generated replay directory.
std::string NthTarget(const std::filesystem::path& dir, int n) {
  std::ifstream in(dir / "exchanges.jsonl");
  std::string line;
  for (int i = 0; i < n; ++i) REQUIRE(std::getline(in, line));
  simdjson::dom::parser parser;
  std::string_view target;
  REQUIRE(parser.parse(line).at_key("target").get(target) == simdjson::SUCCESS);
  return std::string(target);
}

}  // namespace

TEST_CASE("SIGTERM during a crawl abandons the page in flight and the next run resumes there") {
  auto pages = BuildPath("e2e/hf_listing_pages");
  std::string page3 = NthTarget(pages, 3);
  mltrend_test::ReplayServer replay;
  // Page 3 first hangs (a server that never answers), then answers normally.
  mltrend_test::Exchange hang;
  hang.target = page3;
  hang.behaviour = mltrend_test::Exchange::Behaviour::kNeverAnswer;
  replay.Add(hang);
  replay.LoadDirectory(pages);
  replay.Start();

  e2e::Sandbox box;
  box.WriteConfig(replay.BaseUrl(), FixturePath("huggingface/rules_tags_only.toml"));
  {
    mltrend_test::NotifySocket notify;
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                      {{"NOTIFY_SOCKET", notify.Path()}});
    REQUIRE(notify.WaitFor("READY=1"));
    REQUIRE(replay.WaitForRequests(3, std::chrono::seconds(60)));  // page 3 requested, hanging
    daemon.Signal(SIGTERM);
    CHECK(daemon.Wait() == 0);
    CHECK(notify.WaitFor("STOPPING=1"));
  }

  std::string checkpoint;
  {
    std::unique_ptr<mltrendd::Store> store;
    REQUIRE(mltrendd::Store::Open(box.dir / "state", {}, store).ok());
    CHECK(store->RecordCount("hf") == 2000);  // pages 1 and 2, nothing of page 3
    REQUIRE(store->GetCheckpoint("hf", checkpoint).ok());
    CHECK_FALSE(checkpoint.empty());
  }

  std::string err;
  int status = box.RunDaemon({"--once"}, &err);
  INFO(err);
  REQUIRE(status == 0);
  auto requests = replay.Requests();
  REQUIRE(requests.size() == 3 + 8);  // the resumed run fetched pages 3..10 only
  CHECK(requests[3].target == page3);

  std::unique_ptr<mltrendd::Store> store;
  REQUIRE(mltrendd::Store::Open(box.dir / "state", {}, store).ok());
  CHECK(store->RecordCount("hf") == 9715);
}
