#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "share_trends_json.hpp"
#include "share_trends_query.hpp"

using mltrend::share::Axis;
using mltrend::share::Bucket;
using mltrend::share::Metric;
using mltrend::share::QueryError;
using mltrend::share::TrendsQuery;

namespace {

const std::vector<std::string> kConfigured = {"hf", "pwc"};
const std::vector<std::string> kFrameworks = {"pytorch", "tensorflow"};

mltrend::share::Signature Direct(mltrend::share::FrameworkSet set) {
  return {set ? mltrend::share::Grade::kDirect : mltrend::share::Grade::kNone, set, {}, {}, 0};
}

QueryError Refused(const std::map<std::string, std::string>& params,
                   const std::vector<std::string>& configured = kConfigured) {
  TrendsQuery q;
  QueryError e;
  REQUIRE_FALSE(mltrend::share::ParseTrendsQuery(params, configured, configured, kFrameworks, q, e));
  return e;
}

std::string Body(const QueryError& e) {
  mltrend::QueryResponse r;
  mltrend::share::RenderError(e, r);
  CHECK(r.status == e.status);
  CHECK(r.content_type == "application/json");
  return r.body;
}

mltrend::share::Measure W(int64_t count, int64_t downloads) {
  mltrend::share::Measure m;
  m.v = {count, downloads, 0, 0};
  return m;
}

}  // namespace

TEST_CASE("query: a bad value is a 400 naming the parameter") {
  CHECK(Body(Refused({{"source", "hf"}, {"metric", "x"}})) ==
        R"J({"error":"bad_parameter","parameter":"metric","message":"metric must be exclusive or available, got 'x'"})J");
  CHECK(Refused({{"source", "hf"}, {"axis", "sideways"}}).parameter == "axis");
  CHECK(Refused({{"source", "hf"}, {"bucket", "week"}}).message == "bucket must be month, quarter or year, got 'week'");
  CHECK(Refused({{"source", "hf"}, {"weight", "forks"}}).message ==
        "weight must be count, downloads, stars or likes, got 'forks'");
  CHECK(Refused({{"source", "hf"}, {"metric", ""}}).status == 400);
}

TEST_CASE("query: an unknown parameter name is a 400 naming it") {
  QueryError e = Refused({{"source", "hf"}, {"bucekt", "month"}});
  CHECK(e.status == 400);
  CHECK(Body(e) ==
        R"J({"error":"bad_parameter","parameter":"bucekt","message":"unknown parameter 'bucekt' (expected source, axis, bucket, metric, weight, format, task, library, from, to, evidence or among)"})J");
}

TEST_CASE("query: source is required unless exactly one is configured, unknown ones are 400") {
  QueryError missing = Refused({});
  CHECK(missing.status == 400);
  CHECK(missing.parameter == "source");
  CHECK(missing.message == "source is required when 2 sources are configured (hf, pwc)");
  QueryError unknown = Refused({{"source", "github"}});
  CHECK(unknown.status == 400);
  CHECK(Body(unknown) ==
        R"J({"error":"bad_parameter","parameter":"source","message":"source must be one of hf, pwc, got 'github'"})J");

  TrendsQuery q;
  QueryError e;
  REQUIRE(mltrend::share::ParseTrendsQuery({}, {"hf"}, {"hf"}, kFrameworks, q, e));
  CHECK(q.source == "hf");
  CHECK(q.axis == Axis::kCohort);
  CHECK(q.bucket == Bucket::kQuarter);
  CHECK(q.metric == Metric::kExclusive);
  CHECK(q.weight == 0);
  REQUIRE(mltrend::share::ParseTrendsQuery(
      {{"source", "pwc"}, {"axis", "observed"}, {"bucket", "year"}, {"metric", "available"}, {"weight", "downloads"}},
      kConfigured, kConfigured, kFrameworks, q, e));
  CHECK(q.source == "pwc");
  CHECK(q.axis == Axis::kObserved);
  CHECK(q.bucket == Bucket::kYear);
  CHECK(q.metric == Metric::kAvailable);
  CHECK(q.weight == 1);
}

TEST_CASE("query: JSON has the documented shape, oldest period first, zero values left out") {
  const std::vector<std::string> fw = {"pytorch", "tensorflow"};
  mltrend::share::CellTable table;
  table.Apply("hf", "2024-08", Direct(1), W(1, 30), 1);
  table.Apply("hf", "2024-07", Direct(1), W(1, 10), 1);
  table.Apply("hf", "2024-07", Direct(3), W(1, 40), 1);
  table.Apply("hf", "2024-07", Direct(0), W(1, 1), 1);
  table.Apply("hf", "undated", Direct(2), W(1, 0), 1);
  table.Apply("hf", "2023-01", Direct(2), W(1, 20), 1);
  table.Apply("hf", "pre-2022-03", Direct(0), W(1, 5), 1);

  TrendsQuery q;
  q.source = "hf";
  auto series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kQuarter, {}, fw);
  CHECK(mltrend::share::RenderTrends(q, "2026-11-24", false, series) ==
        R"({"source":"hf","axis":"cohort","bucket":"quarter","metric":"exclusive","weight":"count",)"
        R"("rules_version":"2026-11-24","official_only":false,"filters":{},"series":[)"
        R"({"period":"pre-2022-03","total":1,"classified":0,"unknown":1,"multi":0,)"
        R"("grades":{"direct":0,"library":0,"lineage":0},"frameworks":{}},)"
        R"({"period":"2023-Q1","total":1,"classified":1,"unknown":0,"multi":0,)"
        R"("grades":{"direct":1,"library":0,"lineage":0},"frameworks":{"tensorflow":{"value":1,"share":1}}},)"
        R"({"period":"2024-Q3","total":4,"classified":3,"unknown":1,"multi":1,)"
        R"("grades":{"direct":3,"library":0,"lineage":0},"frameworks":{"pytorch":{"value":2,"share":0.666667}}},)"
        R"({"period":"undated","total":1,"classified":1,"unknown":0,"multi":0,)"
        R"("grades":{"direct":1,"library":0,"lineage":0},"frameworks":{"tensorflow":{"value":1,"share":1}}}]})");

  q.metric = Metric::kAvailable;
  q.weight = 1;
  q.bucket = Bucket::kMonth;
  series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kMonth, {}, fw);
  std::string body = mltrend::share::RenderTrends(q, "v", true, series);
  CHECK(body.find(R"("bucket":"month","metric":"available","weight":"downloads")") != std::string::npos);
  CHECK(body.find(R"("official_only":true)") != std::string::npos);
  // July 2024 by downloads: classified 10 + 40; pytorch in both, tensorflow in one.
  CHECK(body.find(R"({"period":"2024-07","total":51,"classified":50,"unknown":1,"multi":40,)"
                  R"("grades":{"direct":50,"library":0,"lineage":0},"frameworks":{"pytorch":{"value":50,"share":1},"tensorflow":{"value":40,"share":0.8}}})") !=
        std::string::npos);
  // A framework whose weighted value is 0 (the undated record has no downloads) is left out.
  CHECK(body.find(R"({"period":"undated","total":0,"classified":0,"unknown":0,"multi":0,)"
                  R"("grades":{"direct":0,"library":0,"lineage":0},"frameworks":{}})") !=
        std::string::npos);

  q.bucket = Bucket::kYear;
  series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kYear, {}, fw);
  REQUIRE(series.size() == 4);
  CHECK(series[1].period == "2023");
  CHECK(series[2].period == "2024");
  CHECK(series[2].cell.total.v[0] == 4);
  CHECK(mltrend::share::CohortSeries(nullptr, Bucket::kYear, {}, fw).empty());
}

TEST_CASE("query: observed series are dated snapshots with their rules version") {
  mltrend::share::ObservationLog log;
  mltrend::share::Cell totals;
  totals.Apply(1, mltrend::share::Grade::kDirect, {"pytorch"}, W(1, 3), 1);
  log.Record("hf", "2025-01-02", {"v2", totals});
  log.Record("hf", "2025-01-01", {"v1", mltrend::share::Cell{}});
  TrendsQuery q;
  q.source = "hf";
  q.axis = Axis::kObserved;
  q.by_day = true;
  std::string body = mltrend::share::RenderTrends(q, "v2", false, mltrend::share::ObservedSeries(log.Find("hf")));
  CHECK(body ==
        R"({"source":"hf","axis":"observed","bucket":"day","metric":"exclusive","weight":"count","rules_version":"v2",)"
        R"("official_only":false,"filters":{},"series":[)"
        R"({"period":"2025-01-01","rules_version":"v1","total":0,"classified":0,"unknown":0,"multi":0,)"
        R"("grades":{"direct":0,"library":0,"lineage":0},"frameworks":{}},)"
        R"({"period":"2025-01-02","rules_version":"v2","total":1,"classified":1,"unknown":0,"multi":0,)"
        R"("grades":{"direct":1,"library":0,"lineage":0},"frameworks":{"pytorch":{"value":1,"share":1}}}]})");

  log.Prune(std::chrono::sys_days{std::chrono::year{2025} / 1 / 3}, 1, 1);  // keeps 01-02 onward
  REQUIRE(log.Find("hf") != nullptr);
  CHECK(log.Find("hf")->size() == 1);
  mltrend::StateBatch batch;
  log.WriteChanged(batch);
  REQUIRE(batch.ops.size() == 2);
  CHECK(batch.ops[0].first == "obs/hf/2025-01-01");
  CHECK_FALSE(batch.ops[0].second.has_value());
  CHECK(batch.ops[1].first == "obs/hf/2025-01-02");
  mltrend::share::Observation back;
  REQUIRE(mltrend::share::DecodeObservation(*batch.ops[1].second, back));
  CHECK(back == mltrend::share::Observation{"v2", totals});
}
