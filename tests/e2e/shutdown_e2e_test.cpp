#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>

#include "e2e_support.hpp"
#include "mltrendd/store/store.hpp"

using mltrend_test::FixturePath;

TEST_CASE("SIGTERM during a crawl abandons the page in flight and the next run resumes there") {
  mltrend_test::ReplayServer replay;
  // Page 3 first hangs (a server that never answers), then answers normally.
  const std::string page3 = e2e::LoadListingHangingAt(replay, 3);
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
