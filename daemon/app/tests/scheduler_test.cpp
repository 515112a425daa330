#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/app/daemon.hpp"
#include "mltrendd/runtime/scheduler.hpp"

using namespace std::chrono_literals;

namespace {

//! One huggingface source "hf" at `base_url`, loaded through the real
//! config loader and plugin registry, over a real store.
struct Fixture {
  mltrend_test::TempDir dir;
  mltrendd::PluginRegistry plugins;
  mltrendd::Config config;
  std::unique_ptr<mltrendd::Store> store;
  std::vector<std::unique_ptr<mltrendd::SourceInstance>> sources;
  std::vector<std::unique_ptr<mltrendd::SinkInstance>> sinks;

  explicit Fixture(const std::string& base_url) {
    mltrend_test::WriteFile(dir / "mltrend.toml",
                            "[daemon]\nstate_dir = \"state\"\nsocket = \"s.sock\"\nplugin_dir = \"" +
                                mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                                "\"\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\ninterval = \"6h\"\n"
                                "jitter = \"0s\"\nbackoff_initial = \"1s\"\nbackoff_max = \"10s\"\nbase_url = \"" +
                                base_url + "\"\n");
    auto s = mltrendd::LoadConfigWithPlugins(dir / "mltrend.toml", plugins, config);
    INFO(s.message());
    REQUIRE(s.ok());
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    sources.push_back(
        std::make_unique<mltrendd::SourceInstance>(config.sources[0], plugins.Find("huggingface")));
  }

  //! Starts a scheduler and runs the event loop until one run finished.
  mltrend::Status RunUntilFinished(mltrendd::Scheduler& scheduler, boost::asio::io_context& io) {
    mltrend::Status result = mltrend::Status::Internal("no run finished");
    scheduler.OnRunFinished([&](mltrendd::SourceInstance&, const mltrend::Status& s) {
      result = s;
      io.stop();
    });
    // Runs happen on the scheduler's pool; keep the loop alive meanwhile.
    auto guard = boost::asio::make_work_guard(io);
    scheduler.Start();
    io.run_for(120s);
    return result;
  }
};

mltrend_test::Exchange EmptyLastPage(const std::string& target) {
  mltrend_test::Exchange e;
  e.target = target;
  e.headers = {{"Content-Type", "application/json"}};
  e.body = "[]";
  return e;
}

const std::string kFirstPage =
    "/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads&expand%5B%5D=lastModified"
    "&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=sha&expand%5B%5D=siblings&expand%5B%5D=tags";

}  // namespace

TEST_CASE("a rate-limited run backs off at least as long as the server asked") {
  mltrend_test::ReplayServer replay;
  mltrend_test::Exchange limited;
  limited.target = kFirstPage;
  limited.status = 429;
  limited.headers = {{"Retry-After", "120"}, {"Content-Type", "application/json"}};
  limited.body = R"({"error":"rate limited"})";
  replay.Add(limited);
  replay.Start();
  Fixture f(replay.BaseUrl());
  boost::asio::io_context io;
  mltrendd::Scheduler scheduler(io, *f.store, {}, f.sources, f.sinks);
  mltrend::Status s = f.RunUntilFinished(scheduler, io);
  CHECK(s.code() == mltrend::StatusCode::kRateLimited);
  auto st = f.sources[0]->Status();
  CHECK(st.state == mltrendd::SourceState::kBackoff);
  CHECK(st.consecutive_failures == 1);
  // backoff_max is 10 s, but the server asked for 120 s: that wins.
  // Armed for 120 s a moment after the run's end was recorded.
  CHECK(st.next_run - st.last_end >= 120s);
  CHECK(st.next_run - st.last_end < 121s);
  CHECK(replay.RequestCount(kFirstPage) == 1);
}

TEST_CASE("a crawl that completed recently is not run again at start") {
  mltrend_test::ReplayServer replay;
  replay.Add(EmptyLastPage(kFirstPage));
  replay.Start();
  {
    Fixture f(replay.BaseUrl());
    boost::asio::io_context io;
    mltrendd::Scheduler scheduler(io, *f.store, {}, f.sources, f.sinks);
    REQUIRE(f.RunUntilFinished(scheduler, io).ok());
    auto st = f.sources[0]->Status();
    CHECK(st.state == mltrendd::SourceState::kScheduled);
    CHECK(st.next_run - st.last_end >= 6h);
    // A daemon restarted on the same store waits out the interval.
    scheduler.Stop();
    mltrendd::Store* store = f.store.get();
    std::vector<std::unique_ptr<mltrendd::SourceInstance>> again;
    again.push_back(std::make_unique<mltrendd::SourceInstance>(f.config.sources[0], f.plugins.Find("huggingface")));
    boost::asio::io_context io2;
    mltrendd::Scheduler second(io2, *store, {}, again, f.sinks);
    second.Start();
    auto st2 = again[0]->Status();
    CHECK(st2.state == mltrendd::SourceState::kScheduled);
    CHECK(st2.next_run > std::chrono::system_clock::now() + 5h);
    CHECK(st2.last_success.time_since_epoch().count() != 0);
    second.Stop();
  }
  CHECK(replay.Requests().size() == 1);
}
