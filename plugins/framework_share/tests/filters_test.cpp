// The pieces behind the task=/library=/from=/to= filters and format=csv,
// without a store: slice labels, query validation, range cuts, CSV text.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "share_rules_json.hpp"
#include "share_slice.hpp"
#include "share_trends_json.hpp"
#include "share_trends_query.hpp"

using mltrend::share::Bucket;
using mltrend::share::QueryError;
using mltrend::share::SeriesPoint;
using mltrend::share::SliceKey;
using mltrend::share::TrendsQuery;

namespace {

const std::vector<std::string> kFw = {"pytorch", "tensorflow"};

mltrend::share::Signature Direct(mltrend::share::FrameworkSet set) {
  return {set ? mltrend::share::Grade::kDirect : mltrend::share::Grade::kNone, set, {}, {}, 0};
}

mltrend::share::Measure W(int64_t count, int64_t downloads) {
  mltrend::share::Measure m;
  m.v = {count, downloads, 0, 0};
  return m;
}

TrendsQuery Parsed(const std::map<std::string, std::string>& params) {
  TrendsQuery q;
  QueryError e;
  INFO(e.message);
  REQUIRE(mltrend::share::ParseTrendsQuery(params, {"hf"}, {"hf"}, kFw, q, e));
  return q;
}

QueryError Refused(const std::map<std::string, std::string>& params) {
  TrendsQuery q;
  QueryError e;
  REQUIRE_FALSE(mltrend::share::ParseTrendsQuery(params, {"hf"}, {"hf"}, kFw, q, e));
  CHECK(e.status == 400);
  return e;
}

std::vector<std::string> Periods(const std::vector<SeriesPoint>& series) {
  std::vector<std::string> out;
  for (const auto& p : series) out.push_back(p.period);
  return out;
}

mltrend::Record Model(std::string date, std::string task, std::vector<std::string> libraries) {
  mltrend::Record r;
  r.date = std::move(date);
  if (!task.empty()) r.attrs["pipeline_tag"] = std::move(task);
  r.library_names = std::move(libraries);
  return r;
}

}  // namespace

TEST_CASE("slices: labels escape separators and round-trip, records normalise") {
  SliceKey odd{"pre-2022-03", "a|b/c", "x%y,z\n"};
  std::string label = mltrend::share::SliceLabel(odd);
  CHECK(label == "pre-2022-03|a%7Cb%2Fc|x%25y,z%0A");
  CHECK(label.find('/') == std::string::npos);
  SliceKey back;
  REQUIRE(mltrend::share::ParseSliceLabel(label, back));
  CHECK(back == odd);
  for (const char* bad : {"2024-07", "2024-07|a", "|a|b", "2024-07|a|b|c", "2024-07|%4|b", "2024-07|%zz|b", "2024-07|a/b|c"})
    CHECK_FALSE(mltrend::share::ParseSliceLabel(bad, back));

  CHECK(mltrend::share::SliceLabelOf("2024-07", Model("", " Text-Generation", {"Transformers", "PEFT", "peft", " "})) ==
        "2024-07|text-generation|peft,transformers");
  CHECK(mltrend::share::SliceLabelOf("undated", Model("", "", {})) == "undated||");
}

TEST_CASE("slices: a filter sums the matching slices per month, library by list membership") {
  mltrend::share::CellTable slices{mltrend::share::kSlicePrefix};
  auto add = [&](const char* month, const char* task, const char* libs, mltrend::share::FrameworkSet set) {
    const mltrend::share::Signature signature{set ? mltrend::share::Grade::kDirect : mltrend::share::Grade::kNone, set,
                                               {}, {}, 0};
    slices.Apply("hf", mltrend::share::SliceLabel({month, task, libs}), signature, W(1, 10), 1);
  };
  add("2024-07", "text-generation", "transformers", 0);
  add("2024-07", "text-generation", "peft,transformers", 1);
  add("2024-08", "image-classification", "timm", 1);
  add("2024-08", "", "", 2);
  mltrend::share::SliceFilter task;
  task.task = "text-generation";
  auto cell = [](const mltrend::share::Tally& t) { return mltrend::share::Evaluate(t, {}, kFw); };
  auto months = mltrend::share::FilteredMonths(slices.Find("hf"), task);
  REQUIRE(months.size() == 1);
  CHECK(cell(months.at("2024-07")).total.v[0] == 2);
  CHECK(cell(months.at("2024-07")).exclusive.at("pytorch").v[1] == 10);
  mltrend::share::SliceFilter peft;
  peft.library = "peft";
  CHECK(cell(mltrend::share::FilteredMonths(slices.Find("hf"), peft).at("2024-07")).total.v[0] == 1);
  peft.library = "pef";  // whole names only
  CHECK(mltrend::share::FilteredMonths(slices.Find("hf"), peft).empty());
  mltrend::share::SliceFilter both;
  both.task = "image-classification";
  both.library = "timm";
  CHECK(cell(mltrend::share::FilteredMonths(slices.Find("hf"), both).at("2024-08")).total.v[0] == 1);
  CHECK(mltrend::share::FilteredMonths(nullptr, both).empty());
  // With no filter the slices add up to the plain month cells.
  auto all = mltrend::share::FilteredMonths(slices.Find("hf"), {});
  CHECK(cell(all.at("2024-08")).total.v[0] == 2);
}

TEST_CASE("query: format, task, library, from and to are validated and normalised") {
  TrendsQuery q = Parsed({{"format", "csv"}, {"task", " Text-Generation "}, {"library", "PEFT"}});
  CHECK(q.format == mltrend::share::Format::kCsv);
  CHECK(*q.filter.task == "text-generation");
  CHECK(*q.filter.library == "peft");
  CHECK(Refused({{"format", "xml"}}).message == "format must be json or csv, got 'xml'");
  CHECK(Refused({{"task", " "}}).parameter == "task");
  CHECK(Refused({{"library", ""}}).parameter == "library");
  QueryError observed = Refused({{"axis", "observed"}, {"library", "timm"}});
  CHECK(observed.parameter == "library");
  CHECK(observed.message == "library filters the cohort axis only: observed snapshots hold whole-source totals");

  q = Parsed({{"bucket", "month"}, {"from", "2021-07"}, {"to", "2022"}});
  CHECK(q.from_day == "2021-07-01");
  CHECK(q.to_day == "2022-12-31");
  q = Parsed({{"from", "2021-Q3"}, {"to", "2021-Q3"}});  // default bucket: quarter
  CHECK(q.from_day == "2021-07-01");
  CHECK(q.to_day == "2021-09-31");
  // A spelling finer than the bucket would cut a period in two.
  CHECK(Refused({{"from", "2021-07"}}).message ==
        "from must be a quarter or year like 2021-Q3 or 2021, got '2021-07'");
  CHECK(Refused({{"bucket", "year"}, {"to", "2021-Q1"}}).parameter == "to");
  CHECK(Refused({{"from", "2021-Q5"}}).parameter == "from");
  CHECK(Refused({{"from", "undated"}}).parameter == "from");
  QueryError reversed = Refused({{"bucket", "month"}, {"from", "2022-01"}, {"to", "2021-12"}});
  CHECK(reversed.parameter == "from");
  CHECK(reversed.message == "from 2022-01 is after to 2021-12");

  q = Parsed({{"axis", "observed"}, {"from", "2024-12-09"}});
  CHECK(q.by_day);
  CHECK(q.from_day == "2024-12-09");
  q = Parsed({{"axis", "observed"}, {"bucket", "month"}});
  CHECK_FALSE(q.by_day);
  CHECK(Refused({{"axis", "observed"}, {"bucket", "month"}, {"from", "2024-12-09"}}).parameter == "from");
  CHECK(Refused({{"bucket", "day"}}).message == "bucket must be month, quarter or year, got 'day'");
  CHECK(Refused({{"axis", "observed"}, {"bucket", "week"}}).message ==
        "bucket must be day, month, quarter or year, got 'week'");
}

TEST_CASE("query: from and to keep whole periods and drop the undated ones") {
  mltrend::share::CellTable table;
  for (const char* month : {"2020-12", "2021-01", "2021-06", "2021-07", "2022-03", "undated", "pre-2020-01"})
    table.Apply("hf", month, Direct(1), W(1, 1), 1);
  auto series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kQuarter, {}, kFw);
  mltrend::share::KeepRange(Parsed({}), series);
  CHECK(series.size() == 7);  // unranged: every quarter and both special labels
  series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kQuarter, {}, kFw);
  mltrend::share::KeepRange(Parsed({{"from", "2021"}, {"to", "2021-Q3"}}), series);
  CHECK(Periods(series) == std::vector<std::string>{"2021-Q1", "2021-Q2", "2021-Q3"});
  series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kMonth, {}, kFw);
  mltrend::share::KeepRange(Parsed({{"bucket", "month"}, {"to", "2021-01"}}), series);
  CHECK(Periods(series) == std::vector<std::string>{"2020-12", "2021-01"});
  series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kYear, {}, kFw);
  mltrend::share::KeepRange(Parsed({{"bucket", "year"}, {"from", "2022"}}), series);
  CHECK(Periods(series) == std::vector<std::string>{"2022"});
}

TEST_CASE("csv: header, one row per period, shares with a dot, figures under the weight") {
  // (month, framework set, downloads) of one record each.
  const std::tuple<const char*, mltrend::share::FrameworkSet, int64_t> kRecords[] = {
      {"2024-07", 1, 10}, {"2024-07", 3, 40}, {"2024-07", 0, 1}, {"undated", 2, 0}, {"pre-2022,03", 0, 5}};
  mltrend::share::CellTable table;
  for (const auto& [month, set, downloads] : kRecords) table.Apply("hf", month, Direct(set), W(1, downloads), 1);
  auto series = mltrend::share::CohortSeries(table.Find("hf"), Bucket::kQuarter, {}, kFw);
  TrendsQuery q = Parsed({{"format", "csv"}});
  CHECK(mltrend::share::RenderTrendsCsv(q, kFw, series) ==
        "period,pytorch,tensorflow,unknown,classified,total\n"
        "\"pre-2022,03\",0.000000,0.000000,1,0,1\n"
        "2024-Q3,0.500000,0.000000,1,2,3\n"
        "undated,0.000000,1.000000,0,1,1\n");
  q = Parsed({{"format", "csv"}, {"metric", "available"}, {"weight", "downloads"}});
  std::string body = mltrend::share::RenderTrendsCsv(q, kFw, series);
  CHECK(body.find("\n2024-Q3,1.000000,0.800000,1,50,51\n") != std::string::npos);
  // A framework known only to an older snapshot still gets a column, after the rules' ones.
  mltrend::share::Cell old;
  old.Apply(1, mltrend::share::Grade::kDirect, {"theano"}, W(1, 0), 1);
  std::vector<SeriesPoint> observed = {{"2019-01-01", old, "v0", "2019-01-01"}};
  CHECK(mltrend::share::RenderTrendsCsv(Parsed({{"axis", "observed"}}), kFw, observed) ==
        "period,pytorch,tensorflow,theano,unknown,classified,total\n2019-01-01,0.000000,0.000000,1.000000,0,1,1\n");
  CHECK(mltrend::share::RenderTrendsCsv(q, kFw, {}) == "period,pytorch,tensorflow,unknown,classified,total\n");
}

TEST_CASE("json: the filters given are echoed, downsampled observed points carry their date") {
  TrendsQuery q = Parsed({{"task", "text-generation"}, {"from", "2021"}});
  std::string body = mltrend::share::RenderTrends(q, "v", false, {});
  CHECK(body.find(R"("official_only":false,"filters":{"task":"text-generation","from":"2021"},"series":[])") !=
        std::string::npos);

  mltrend::share::ObservationLog log;
  mltrend::share::Cell one, two;
  one.Apply(1, mltrend::share::Grade::kDirect, kFw, W(1, 0), 1);
  two.Apply(2, mltrend::share::Grade::kDirect, kFw, W(2, 0), 1);
  log.Record("hf", "2024-11-30", {"v1", one});
  log.Record("hf", "2024-12-01", {"v1", one});
  log.Record("hf", "2024-12-31", {"v2", two});
  log.Record("hf", "2025-01-02", {"v2", two});
  auto months = mltrend::share::ObservedSeries(log.Find("hf"), false, Bucket::kMonth);
  CHECK(Periods(months) == std::vector<std::string>{"2024-11", "2024-12", "2025-01"});
  CHECK(months[1].date == "2024-12-31");
  CHECK(months[1].rules_version == "v2");
  auto quarters = mltrend::share::ObservedSeries(log.Find("hf"), false, Bucket::kQuarter);
  CHECK(Periods(quarters) == std::vector<std::string>{"2024-Q4", "2025-Q1"});
  q = Parsed({{"axis", "observed"}, {"bucket", "quarter"}});
  body = mltrend::share::RenderTrends(q, "v2", false, quarters);
  CHECK(body.find(R"("axis":"observed","bucket":"quarter")") != std::string::npos);
  CHECK(body.find(R"({"period":"2024-Q4","date":"2024-12-31","rules_version":"v2","total":2,)") != std::string::npos);
  CHECK(mltrend::share::ObservedSeries(log.Find("hf")).size() == 4);  // by day: every snapshot
}

TEST_CASE("rules json: every rule with its lists and note, then the decisions") {
  mltrend::share::Rules rules;
  REQUIRE(mltrend::share::ParseRules("version = \"r1\"\n[[rule]]\nframework = \"jax\"\ntags = [\"Flax\"]\n"
                                      "note = \"Flax runs on \\\"JAX\\\".\"\n[[rule]]\nframework = \"mxnet\"\n"
                                      "topics = [\"gluon\"]\n[[decision]]\ntopic = \"gguf\"\ndecision = \"none\"\n",
                                      "r.toml", rules)
              .ok());
  CHECK(mltrend::share::RenderRules("trends", rules) ==
        R"({"sink":"trends","version":"r1","rules":[)"
        R"({"framework":"jax","grade":"direct","tags":["flax"],"library_names":[],"topics":[],"declared":[],)"
        R"("dependencies":[],"files":[],"header_formats":[],"note":"Flax runs on \"JAX\"."},)"
        R"({"framework":"mxnet","grade":"direct","tags":[],"library_names":[],"topics":["gluon"],"declared":[],)"
        R"("dependencies":[],"files":[],"header_formats":[],"note":""}],"formats":[],)"
        R"("decisions":[{"topic":"gguf","decision":"none"}]})");
}
