#include <catch2/catch.hpp>

#include <cctype>

#include "metrics_parse.hpp"
#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/http/http_client.hpp"
#include "mltrendd/runtime/logging.hpp"
#include "mltrendd/server/api.hpp"
#include "mltrendd/server/metrics.hpp"

using metrics_test::CheckExposition;
using metrics_test::SampleValue;

namespace {

mltrend_test::Exchange Answer(std::string target, int status,
                              mltrend_test::Exchange::Behaviour behaviour = mltrend_test::Exchange::Behaviour::kNormal) {
  mltrend_test::Exchange e;
  e.target = std::move(target);
  e.status = status;
  e.headers = {{"Content-Type", "application/json"}};
  if (status != 304) e.body = R"({"models":[1,2,3,4,5,6,7,8]})";
  e.behaviour = behaviour;
  return e;
}

mltrend::Record Model(std::string id, int64_t downloads) {
  mltrend::Record r;
  r.id = id;
  r.name = "org/" + id;
  r.tags = {"pytorch"};
  r.metrics["downloads"] = downloads;
  return r;
}

//! One run of source `src` the way SourceInstance::RunOnce sets it up: the
//! daemon's client, a context over the store, the run counters reset.
struct Run {
  mltrend::CancelToken cancel;
  std::unique_ptr<mltrend::Logger> log = mltrendd::MakePluginLogger("test");
  mltrendd::BeastHttpClient http{mltrendd::HttpClientOptions{}, &cancel};
  mltrendd::StoreSourceContext ctx;
  Run(mltrendd::Store& store, mltrendd::SourceInstance& src)
      : ctx(store, src.Config().name, src.Config().values, http, cancel, *log, &src.Counters()) {
    src.Counters().Reset();
  }
  int Get(const std::string& url) {
    mltrend::HttpRequest req;
    req.url = url;
    mltrend::HttpResponse res;
    return ctx.Http().Send(req, res).ok() ? res.status : -1;
  }
};

struct Daemon {
  mltrend_test::TempDir dir;
  std::unique_ptr<mltrendd::Store> store;
  std::vector<std::unique_ptr<mltrendd::SourceInstance>> sources;
  std::vector<std::unique_ptr<mltrendd::SinkInstance>> sinks;
  mltrendd::PluginRegistry plugins;

  Daemon() {
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    mltrendd::SourceConfig config;
    config.name = "hf";
    config.plugin = "huggingface";
    config.values.Set("name", std::string("hf"));
    config.values.Set("token", std::string("s3cret-token-value"));
    // No plugin object: these tests drive the context themselves.
    sources.push_back(std::make_unique<mltrendd::SourceInstance>(config, nullptr));
  }
  mltrendd::ApiModel Model() {
    mltrendd::ApiModel model;
    model.sources = &sources;
    model.sinks = &sinks;
    model.store = store.get();
    model.plugins = &plugins;
    model.started = std::chrono::system_clock::now();
    return model;
  }
};

}  // namespace

TEST_CASE("/metrics counts a source's pages, records and HTTP statuses across runs, with its budget") {
  mltrend_test::ReplayServer replay;
  replay.Add(Answer("/ok", 200));
  replay.Add(Answer("/limited", 429));
  replay.Add(Answer("/same", 304));
  replay.Add(Answer("/broken", 200, mltrend_test::Exchange::Behaviour::kCloseEarly));
  replay.Start();
  const std::string base = replay.BaseUrl();
  Daemon d;
  mltrendd::SourceInstance& src = *d.sources[0];
  {
    Run run(*d.store, src);
    CHECK(run.Get(base + "/ok") == 200);
    CHECK(run.Get(base + "/limited") == 429);
    CHECK(run.Get(base + "/broken") == -1);  // truncated: no response
    REQUIRE(run.ctx.EmitPage(mltrend::Page{{Model("a", 1), Model("b", 2)}, "page 1", 1, {}}).ok());
    mltrend::SourceProgress progress;
    progress.rate_limit_remaining = 28;
    progress.rate_limit_limit = 30;
    progress.rate_limit_reset_epoch = 1764025800;
    progress.rate_limit_resource = "search";
    run.ctx.ReportProgress(progress);
  }
  {
    Run run(*d.store, src);  // the next run: per-run counters start again
    CHECK(run.Get(base + "/same") == 304);
    CHECK(run.Get(base + "/ok") == 200);
    REQUIRE(run.ctx.EmitPage(mltrend::Page{{Model("a", 1), Model("b", 5)}, "page 1", 3, {}}).ok());
  }
  CHECK(src.Counters().pages.load() == 1);

  mltrendd::SinkConfig sink_config;
  sink_config.name = "trends";
  sink_config.plugin = "framework_share";
  d.sinks.push_back(std::make_unique<mltrendd::SinkInstance>(sink_config, nullptr, *d.store,
                                                             std::vector<std::string>{"hf"}));
  mltrendd::QueryMetrics queries;
  const std::string text = mltrendd::RenderMetrics(d.Model(), queries);
  INFO(text);
  CHECK(CheckExposition(text).empty());
  INFO(CheckExposition(text));

  CHECK(SampleValue(text, R"(mltrend_source_pages_total{source="hf"})") == 2.0);
  CHECK(SampleValue(text, R"(mltrend_source_records_total{source="hf",result="inserted"})") == 2.0);
  CHECK(SampleValue(text, R"(mltrend_source_records_total{source="hf",result="updated"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_records_total{source="hf",result="unchanged"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_records_total{source="hf",result="rejected"})") == 4.0);
  CHECK(SampleValue(text, R"(mltrend_source_http_requests_total{source="hf",code="200"})") == 2.0);
  CHECK(SampleValue(text, R"(mltrend_source_http_requests_total{source="hf",code="304"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_http_requests_total{source="hf",code="429"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_http_requests_total{source="hf",code="error"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_rate_limit_remaining{source="hf",resource="search"})") == 28.0);
  CHECK(SampleValue(text, R"(mltrend_source_rate_limit_limit{source="hf",resource="search"})") == 30.0);
  CHECK(SampleValue(text, R"(mltrend_source_rate_limit_reset_timestamp_seconds{source="hf",resource="search"})") ==
        1764025800.0);
  CHECK(SampleValue(text, R"(mltrend_store_records{source="hf"})") == 2.0);
  // No run ended through SourceInstance: nothing counted, never succeeded, up.
  CHECK(SampleValue(text, R"(mltrend_source_runs_total{source="hf"})") == 0.0);
  CHECK(SampleValue(text, R"(mltrend_source_last_success_timestamp_seconds{source="hf"})") == 0.0);
  CHECK(SampleValue(text, R"(mltrend_source_up{source="hf"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_state{source="hf",state="scheduled"})") == 1.0);
  CHECK(SampleValue(text, R"(mltrend_source_state{source="hf",state="running"})") == 0.0);

  const double head = static_cast<double>(d.store->LastSequence());
  CHECK(head == 3);  // two inserts, one update
  CHECK(SampleValue(text, "mltrend_store_change_log_head") == head);
  CHECK(SampleValue(text, R"(mltrend_sink_cursor{sink="trends"})") == 0.0);
  CHECK(SampleValue(text, R"(mltrend_sink_lag{sink="trends"})") == head);
  // The store's own figure (its memtables: nothing was flushed), which
  // nothing changes between the render and this read.
  CHECK(d.store->ApproximateSizeBytes() > 0);
  CHECK(SampleValue(text, "mltrend_store_size_bytes") == static_cast<double>(d.store->ApproximateSizeBytes()));
  CHECK(SampleValue(text, "process_start_time_seconds").value_or(0) > 1.6e9);
  CHECK(text.find("mltrend_build_info{version=\"") != std::string::npos);
  // Config values (a token here) never reach the page.
  CHECK(text.find("s3cret") == std::string::npos);
}

TEST_CASE("GET /metrics answers the text format with its content type, parameters are refused") {
  Daemon d;
  mltrendd::Api api(d.Model());
  auto answer = api.Handle("GET", "/metrics");
  CHECK(answer.status == 200);
  CHECK(answer.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(CheckExposition(answer.body).empty());
  CHECK(answer.body.find("# TYPE mltrend_source_runs_total counter\n") != std::string::npos);
  CHECK(answer.body.find("# TYPE mltrend_query_duration_seconds histogram\n") != std::string::npos);
  CHECK(api.Handle("GET", "/metrics?verbose=1").status == 400);
  CHECK(api.PathLabel("/metrics") == "/metrics");
  CHECK(api.PathLabel("/v1/sources?x=1") == "/v1/sources");
  CHECK(api.PathLabel("/v1/trends") == "other");  // no sink declares it here
  CHECK(api.PathLabel("/random/garbage/123") == "other");
}

TEST_CASE("/v1/status reports version, uptime and store size") {
  Daemon d;
  mltrendd::Api api(d.Model());
  auto answer = api.Handle("GET", "/v1/status");
  REQUIRE(answer.status == 200);
  CHECK(answer.body.find("\"version\":\"") != std::string::npos);
  const size_t uptime = answer.body.find("\"uptime_seconds\":");
  REQUIRE(uptime != std::string::npos);
  CHECK(std::isdigit(static_cast<unsigned char>(answer.body[uptime + 17])));
  CHECK(answer.body.find("\"store_bytes\":") != std::string::npos);
}
