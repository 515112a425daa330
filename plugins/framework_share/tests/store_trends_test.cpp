// The sink's filters, CSV, /v1/rules and observed-history retention against
// the daemon's real store, checked against independent counts of the
// recorded Hub models.
#include "store_harness.hpp"

#include <fstream>
#include <set>
#include <sstream>

using namespace framework_share_test;

namespace {

//! period -> total of a JSON trends answer.
std::map<std::string, int64_t> Totals(const mltrend::QueryResponse& response) {
  REQUIRE(response.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(response.body);
  std::map<std::string, int64_t> out;
  for (simdjson::dom::object point : body["series"].get_array())
    out[std::string(std::string_view(point["period"]))] = int64_t(point["total"]);
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

//! Records with no pipeline_tag or library_name, as GitHub stores them.
std::vector<mltrend::Record> Repositories() {
  std::vector<mltrend::Record> out;
  for (int i = 0; i < 3; ++i) {
    mltrend::Record r;
    r.id = std::to_string(1000 + i);
    r.name = "org/repo" + std::to_string(i);
    r.date = "2024-0" + std::to_string(i + 1) + "-10T00:00:00Z";
    r.topics = {"pytorch"};
    r.metrics["stars"] = 10 * i;
    out.push_back(r);
  }
  return out;
}

std::string ShippedRulesText() {
  std::ifstream in(DefaultRules());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("store: task and library filters equal an independent count of the recorded file") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::vector<mltrend::Record> records = TrendingRecords();
  Commit(*store, "hf", records);
  Commit(*store, "gh", Repositories());
  Harness h(*store, "trends", {"hf", "gh"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());

  std::map<std::string, int64_t> by_task, by_library;
  for (const auto& r : records) {
    const std::string month = r.period_override.empty() ? r.date.substr(0, 7) : r.period_override;
    auto task = r.attrs.find("pipeline_tag");
    if (task != r.attrs.end() && task->second == "text-generation") by_task[month]++;
    auto library = r.attrs.find("library_name");
    if (library != r.attrs.end() && library->second == "diffusers") by_library[month]++;
  }
  REQUIRE_FALSE(by_task.empty());
  REQUIRE_FALSE(by_library.empty());
  CHECK(Totals(h.Query({{"source", "hf"}, {"bucket", "month"}, {"task", "text-generation"}})) == by_task);
  CHECK(Totals(h.Query({{"source", "hf"}, {"bucket", "month"}, {"library", "diffusers"}})) == by_library);
  // Case does not matter; the echo is normalised.
  auto upper = h.Query({{"source", "hf"}, {"bucket", "month"}, {"library", "Diffusers"}});
  CHECK(Totals(upper) == by_library);
  CHECK(upper.body.find(R"("filters":{"library":"diffusers"})") != std::string::npos);
  // Both filters at once: their intersection, here empty.
  CHECK(Totals(h.Query({{"source", "hf"}, {"task", "text-generation"}, {"library", "diffusers"}})).empty());
  // A source without these attributes answers an empty series, not an error.
  auto github = h.Query({{"source", "gh"}, {"task", "text-generation"}});
  CHECK(github.status == 200);
  CHECK(github.body.find(R"("series":[])") != std::string::npos);
  CHECK(Totals(h.Query({{"source", "gh"}})).size() == 1);  // unfiltered: 2024-Q1

  // from/to keep whole periods: the months of 2024-Q2..Q3, as unfiltered.
  std::map<std::string, int64_t> all = Totals(h.Query({{"source", "hf"}, {"bucket", "month"}}));
  std::map<std::string, int64_t> expected;
  for (const auto& [period, total] : all)
    if (period >= "2024-04" && period <= "2024-09") expected[period] = total;
  REQUIRE_FALSE(expected.empty());
  CHECK(Totals(h.Query({{"source", "hf"}, {"bucket", "month"}, {"from", "2024-Q2"}, {"to", "2024-09"}})) == expected);
  auto reversed = h.Query({{"source", "hf"}, {"from", "2024"}, {"to", "2023"}});
  CHECK(reversed.status == 400);
  CHECK(reversed.body.find(R"("parameter":"from")") != std::string::npos);
}

TEST_CASE("store: format=csv has a header and one row per period of the JSON answer") {
  TempDir dir;
  auto store = OpenStore(dir);
  Commit(*store, "hf", TrendingRecords());
  Harness h(*store, "trends", {"hf"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());
  const std::map<std::string, std::string> params = {{"bucket", "month"}, {"metric", "available"}};
  std::map<std::string, int64_t> json = Totals(h.Query(params));
  auto with_csv = params;
  with_csv["format"] = "csv";
  auto csv = h.Query(with_csv);
  CHECK(csv.status == 200);
  CHECK(csv.content_type == "text/csv");
  std::vector<std::string> lines = Lines(csv.body);
  REQUIRE(lines.size() == json.size() + 1);
  CHECK(lines[0] ==
        "period,pytorch,tensorflow,jax,keras,mlx,paddlepaddle,mxnet,mindspore,caffe2,unknown,classified,total");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string period = lines[i].substr(0, lines[i].find(','));
    const std::string total = lines[i].substr(lines[i].rfind(',') + 1);
    INFO(lines[i]);
    REQUIRE(json.count(period) == 1);
    CHECK(std::to_string(json[period]) == total);
  }
  // Filters and ranges apply to CSV alike.
  with_csv["task"] = "text-to-image";
  with_csv["from"] = "2024-12";
  for (const auto& line : Lines(h.Query(with_csv).body)) CHECK((line.rfind("period,", 0) == 0 || line >= "2024-12"));
}

TEST_CASE("store: /v1/rules serves the rules with notes; a notes-only edit does not recompute") {
  TempDir dir;
  auto store = OpenStore(dir);
  Commit(*store, "hf", TrendingRecords());
  std::string rules_path = (dir / "frameworks.toml").string();
  const std::string shipped = ShippedRulesText();
  mltrend_test::WriteFile(rules_path, shipped);
  mltrend::share::Rules parsed;
  REQUIRE(mltrend::share::LoadRules(rules_path, parsed).ok());
  {
    Harness first(*store, "trends", {"hf"}, rules_path);
    REQUIRE(first.Open().ok());
    CHECK(first.log.Mentions("recomputing"));
    auto rules = first.Query({}, "/v1/rules");
    REQUIRE(rules.status == 200);
    simdjson::dom::parser parser;
    simdjson::dom::element body = parser.parse(rules.body);
    CHECK(std::string_view(body["sink"]) == "trends");
    CHECK(std::string_view(body["version"]) == parsed.version);
    simdjson::dom::array list = body["rules"];
    CHECK(list.size() == parsed.rules.size());
    simdjson::dom::object pytorch = list.at(0);
    CHECK(std::string_view(pytorch["framework"]) == "pytorch");
    CHECK(std::string_view(pytorch["note"]) == parsed.rules[0].note);
    CHECK(simdjson::dom::array(pytorch["declared"]).size() == 2);
    CHECK(simdjson::dom::array(body["decisions"]).size() == parsed.decisions.size());
    auto bad = first.Query({{"source", "hf"}}, "/v1/rules");
    CHECK(bad.status == 400);
    CHECK(bad.body.find(R"("parameter":"source")") != std::string::npos);
  }
  // Reworded note, a new comment, a new decision, a new version: no recompute.
  std::string reworded = "# edited\n" + shipped + "\n[[decision]]\ntopic = \"new\"\ndecision = \"added later\"\n";
  reworded.replace(reworded.find(parsed.rules[0].note), parsed.rules[0].note.size(), "Reworded.");
  const std::string version_line = "version = \"" + parsed.version + "\"";
  reworded.replace(reworded.find(version_line), version_line.size(), "version = \"2099-01-01\"");
  mltrend_test::WriteFile(rules_path, reworded);
  {
    Harness second(*store, "trends", {"hf"}, rules_path);
    REQUIRE(second.Open().ok());
    CHECK_FALSE(second.log.Mentions("recomputing"));
    auto rules = second.Query({}, "/v1/rules");
    CHECK(rules.body.find(R"("note":"Reworded.")") != std::string::npos);
    CHECK(rules.body.find(R"({"topic":"new","decision":"added later"})") != std::string::npos);
    CHECK(second.Query({}).body.find(R"("rules_version":"2099-01-01")") != std::string::npos);
  }
  // A matching value changes: recompute.
  std::string retagged = reworded;
  retagged.replace(retagged.find("\"tflite\""), 8, "\"tfjs\"");
  mltrend_test::WriteFile(rules_path, retagged);
  Harness third(*store, "trends", {"hf"}, rules_path);
  REQUIRE(third.Open().ok());
  CHECK(third.log.Mentions("recomputing"));
}

TEST_CASE("store: sliced cells are reloaded with the cells, and damage recomputes both") {
  TempDir dir;
  auto store = OpenStore(dir);
  Commit(*store, "hf", TrendingRecords());
  mltrend::share::CellTable slices;
  {
    Harness first(*store, "trends", {"hf"}, DefaultRules());
    REQUIRE(first.Open().ok());
    REQUIRE(first.Fold().ok());
    slices = first.sink.Slices();
    REQUIRE(slices.Find("hf") != nullptr);
    CHECK(slices.Find("hf")->size() > first.sink.Cells().Find("hf")->size());
    // Damage one stored slice, as a foreign writer would.
    mltrend::StateBatch batch;
    batch.Put(mltrend::share::StateKey(mltrend::share::kSlicePrefix, "hf", slices.Find("hf")->begin()->first),
              "garbage\n");
    REQUIRE(first.ctx->Commit(batch, first.ctx->Cursor()).ok());
  }
  Harness second(*store, "trends", {"hf"}, DefaultRules());
  REQUIRE(second.Open().ok());
  CHECK(second.log.Mentions("unreadable"));
  CHECK(second.log.Mentions("recomputing"));
  CHECK(second.sink.Slices() == slices);
  Harness third(*store, "trends", {"hf"}, DefaultRules());
  REQUIRE(third.Open().ok());
  CHECK_FALSE(third.log.Mentions("recomputing"));
  CHECK(third.sink.Slices() == slices);
}

TEST_CASE("store: two years of daily folds keep 90 days, then weekly, and downsample per period") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::vector<mltrend::Record> records = TrendingRecords();
  Harness h(*store, "trends", {"hf"}, DefaultRules(), false, 400, 10000, 90);
  h.today = std::chrono::sys_days{std::chrono::year{2023} / 1 / 1};
  REQUIRE(h.Open().ok());
  // One more model every 15 days, so each snapshot's total tells its day.
  const int kDays = 730;
  for (int i = 0; i < kDays; ++i) {
    if (i % 15 == 0 && size_t(i / 15) < records.size()) Commit(*store, "hf", {records[size_t(i / 15)]});
    REQUIRE(h.Fold().ok());
    if (i + 1 < kDays) h.today += std::chrono::days{1};
  }
  auto daily = Totals(h.Query({{"axis", "observed"}}));
  const std::string today = mltrend::share::FormatDate(h.today);
  const std::string daily_from = mltrend::share::FormatDate(h.today - std::chrono::days{90});
  const std::string oldest = mltrend::share::FormatDate(h.today - std::chrono::days{400});
  size_t recent = 0;
  std::set<std::string> weeks;
  for (const auto& [date, total] : daily) {
    CHECK(date >= oldest);
    CHECK(date <= today);
    if (date >= daily_from) {
      ++recent;
      continue;
    }
    std::chrono::sys_days day;
    REQUIRE(mltrend::share::ParseDate(date, day));
    CHECK(std::chrono::weekday{day} == std::chrono::Sunday);
    CHECK(weeks.insert(date).second);
  }
  CHECK(recent == 91);
  CHECK(weeks.size() >= 43);
  CHECK(daily.rbegin()->first == today);

  // Downsampled: one point per month, the latest snapshot of it.
  auto months = h.Query({{"axis", "observed"}, {"bucket", "month"}});
  std::map<std::string, int64_t> expected_months;
  for (const auto& [date, total] : daily) expected_months[date.substr(0, 7)] = total;  // later dates win
  CHECK(Totals(months) == expected_months);
  CHECK(months.body.find(R"("date":")" + today + "\"") != std::string::npos);
  auto years = Totals(h.Query({{"axis", "observed"}, {"bucket", "year"}}));
  CHECK(years.size() == 2);
  CHECK(years.rbegin()->second == daily.rbegin()->second);
  auto last_quarter = Totals(h.Query({{"axis", "observed"}, {"bucket", "quarter"}, {"from", today.substr(0, 4)}}));
  CHECK(last_quarter.size() == 4);

  // The pruning was committed: a reopened sink sees the same history.
  Harness reopened(*store, "trends", {"hf"}, DefaultRules(), false, 400, 10000, 90);
  REQUIRE(reopened.Open().ok());
  CHECK(Totals(reopened.Query({{"axis", "observed"}})) == daily);
}

TEST_CASE("store: a repeated /v1/trends or /v1/coverage answer is the same, and a fold is seen by the next one") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::vector<mltrend::Record> repos = Repositories();
  const mltrend::Record fourth = [&] {
    mltrend::Record r = repos[0];
    r.id = "1003";
    r.name = "org/repo3";
    return r;
  }();
  Commit(*store, "gh", repos);
  Harness h(*store, "trends", {"gh"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());
  const std::map<std::string, std::string> params = {{"source", "gh"}, {"bucket", "month"}};
  const mltrend::QueryResponse first = h.Query(params);
  CHECK(Totals(first) == std::map<std::string, int64_t>{{"2024-01", 1}, {"2024-02", 1}, {"2024-03", 1}});
  CHECK(h.Query(params).body == first.body);
  const std::string coverage = h.Query({{"source", "gh"}}, "/v1/coverage").body;
  CHECK(h.Query({{"source", "gh"}}, "/v1/coverage").body == coverage);

  Commit(*store, "gh", {fourth});  // committed, not folded: the answers stay those of the folded state
  CHECK(h.Query(params).body == first.body);
  REQUIRE(h.Fold().ok());
  CHECK(Totals(h.Query(params)) == std::map<std::string, int64_t>{{"2024-01", 2}, {"2024-02", 1}, {"2024-03", 1}});
  CHECK(h.Query({{"source", "gh"}}, "/v1/coverage").body != coverage);
}
