// The sink against the daemon's real store: incremental folds of real Hub
// records must equal a full recompute, rules changes must recompute, and
// observed snapshots must follow the UTC day.
#include "store_harness.hpp"

using namespace framework_share_test;

TEST_CASE("store: incremental folds of real Hub pages equal a full recompute") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::vector<std::string> sources = {"hf", "hf-mirror"};
  std::vector<mltrend::Record> records = TrendingRecords();
  // A chunk of 7 makes each fold commit several chunks, cursor and all.
  Harness inc(*store, "incremental", sources, DefaultRules(), false, 400, 7);
  REQUIRE(inc.Open().ok());
  CHECK(inc.sink.Cells().All().empty());

  // Page 1: the first 20 models.
  Commit(*store, "hf", {records.begin(), records.begin() + 20});
  CheckIncrementalEqualsFull(*store, inc, "full-1", sources);
  CHECK(TotalRecords(inc.sink.Cells(), "hf") == 20);

  // Page 2: 15 new models, and updates that move 5 stored ones between cells.
  std::vector<mltrend::Record> page2(records.begin() + 20, records.begin() + 35);
  std::vector<mltrend::Record> moved(records.begin(), records.begin() + 5);
  moved[0].tags.push_back("tf");                          // unknown -> tensorflow
  moved[1].date = "2023-01-05T10:00:00.000Z";             // to another month
  moved[2].metrics["downloads"] += 1000;                  // heavier
  moved[3].date = std::string(kCreatedAtFloor);           // to the floor period
  moved[3].period_override = "pre-2022-03";
  moved[4].tags = {"pytorch", "jax", "safetensors"};      // to multi
  page2.insert(page2.end(), moved.begin(), moved.end());
  Commit(*store, "hf", page2);
  CheckIncrementalEqualsFull(*store, inc, "full-2", sources);
  CHECK(TotalRecords(inc.sink.Cells(), "hf") == 35);
  const mltrend::share::CellTable after2 = inc.sink.Cells();
  const auto* hf = after2.Find("hf");
  REQUIRE(hf != nullptr);
  CHECK(hf->count("2023-01") == 1);
  CHECK(hf->count("pre-2022-03") == 1);

  // Page 3: the last 15, renames of 5 (same _id, new name), one moved back,
  // and a second source sharing some models.
  std::vector<mltrend::Record> page3(records.begin() + 35, records.end());
  for (size_t i = 5; i < 10; ++i) {
    mltrend::Record renamed = records[i];
    renamed.name = "renamed-org/" + renamed.name;
    page3.push_back(renamed);
  }
  page3.push_back(records[1]);
  Commit(*store, "hf", page3);
  Commit(*store, "hf-mirror", {records.begin(), records.begin() + 10});
  CheckIncrementalEqualsFull(*store, inc, "full-3", sources);
  // A rename updates: the store and the cells still count 50, not 55.
  CHECK(store->RecordCount("hf") == 50);
  CHECK(TotalRecords(inc.sink.Cells(), "hf") == 50);
  CHECK(TotalRecords(inc.sink.Cells(), "hf-mirror") == 10);
  CHECK(inc.sink.Cells().Find("hf")->count("2023-01") == 0);

  // Page 4: the same page again (no change logged) and a change on the mirror.
  Commit(*store, "hf", page3);
  mltrend::Record mirror_change = records[2];
  mirror_change.library_names = {"timm"};
  mirror_change.date = "";
  Commit(*store, "hf-mirror", {mirror_change});
  CheckIncrementalEqualsFull(*store, inc, "full-4", sources);
  CHECK(inc.sink.Cells().Find("hf-mirror")->count("undated") == 1);
}

TEST_CASE("store: the cohort counts equal an independent count of the recorded file") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::vector<mltrend::Record> records = TrendingRecords();
  Commit(*store, "hf", records);
  Harness h(*store, "trends", {"hf"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());

  // Independently: models per createdAt quarter, and models with a pytorch
  // tag (the file's libraries are transformers, diffusers and coqui, which
  // the default rules leave to the tags).
  std::map<std::string, int64_t> per_quarter;
  int64_t pytorch_tagged = 0;
  for (const auto& r : records) {
    per_quarter[r.date.substr(0, 4) + "-Q" + std::to_string((std::stoi(r.date.substr(5, 2)) - 1) / 3 + 1)]++;
    bool pytorch = false;
    for (const auto& t : r.tags) pytorch |= (t == "pytorch" || t == "Pytorch" || t == "PyTorch");
    pytorch_tagged += pytorch;
  }
  REQUIRE(pytorch_tagged > 0);

  auto response = h.Query({{"metric", "available"}});  // one source configured: `source` may be left out
  REQUIRE(response.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(response.body);
  CHECK(std::string_view(body["source"]) == "hf");
  CHECK(std::string_view(body["bucket"]) == "quarter");
  std::map<std::string, int64_t> seen;
  int64_t pytorch_available = 0;
  std::string previous;
  for (simdjson::dom::object point : body["series"].get_array()) {
    std::string period{std::string_view(point["period"])};
    if (!previous.empty()) CHECK(mltrend::share::PeriodLess(previous, period));  // oldest first
    previous = period;
    int64_t total = point["total"], classified = point["classified"], unknown = point["unknown"];
    CHECK(classified + unknown == total);
    seen[period] = total;
    int64_t value = 0;
    if (point["frameworks"]["pytorch"]["value"].get(value) == simdjson::SUCCESS) pytorch_available += value;
  }
  CHECK(seen == per_quarter);
  // With the shipped rules PyTorch is also reached through transformers and
  // diffusers (library grade) and through base models (lineage): 42, as
  // python3 tests/tools/count_hf_evidence.py counts the file.
  CHECK(pytorch_tagged == 7);
  CHECK(pytorch_available == 42);
}

TEST_CASE("store: a reopened sink loads its state, a rules or option change recomputes") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::vector<mltrend::Record> records = TrendingRecords();
  Commit(*store, "hf", records);
  mltrend::share::CellTable before;
  {
    Harness first(*store, "trends", {"hf"}, DefaultRules());
    REQUIRE(first.Open().ok());
    CHECK(first.log.Mentions("recomputing"));
    REQUIRE(first.Fold().ok());
    before = first.sink.Cells();
    CHECK(TotalRecords(before, "hf") == 50);
  }
  {
    Harness again(*store, "trends", {"hf"}, DefaultRules());
    REQUIRE(again.Open().ok());
    CHECK_FALSE(again.log.Mentions("recomputing"));
    CHECK(again.sink.Cells() == before);
  }
  // New rules: framework tags only (the seed's method).
  std::string alt_rules = (dir / "alt.toml").string();
  mltrend_test::WriteFile(alt_rules, "version = \"alt-1\"\n[[rule]]\nframework = \"pytorch\"\ntags = [\"pytorch\"]\n");
  Harness changed(*store, "trends", {"hf"}, alt_rules);
  changed.today += std::chrono::days{1};
  REQUIRE(changed.Open().ok());
  CHECK(changed.log.Mentions("recomputing"));
  CHECK_FALSE(changed.sink.Cells() == before);
  Harness reference(*store, "alt-reference", {"hf"}, alt_rules);
  REQUIRE(reference.Open().ok());
  CHECK(changed.sink.Cells() == reference.sink.Cells());
  CHECK(UnknownRecords(before, "hf") == 8);  // python3 tests/tools/count_hf_evidence.py, shipped rules
  CHECK(UnknownRecords(changed.sink.Cells(), "hf") == 50 - 7 - 2);  // 7 pytorch-tagged, 2 inherit from them
  auto cohort = changed.Query({});
  CHECK(cohort.body.find(R"("rules_version":"alt-1")") != std::string::npos);
  // The snapshot taken under the old rules outlives the recompute.
  REQUIRE(changed.Fold().ok());
  auto observed = changed.Query({{"axis", "observed"}});
  CHECK(observed.body.find(R"({"period":"2024-12-09","rules_version":"2026-12-05","total":50,)") != std::string::npos);
  CHECK(observed.body.find(R"({"period":"2024-12-10","rules_version":"alt-1","total":50,)") != std::string::npos);

  // official_only is part of the fingerprint: Hub models carry no
  // is_official attribute, so nothing counts.
  Harness official(*store, "trends", {"hf"}, alt_rules, true);
  REQUIRE(official.Open().ok());
  CHECK(official.log.Mentions("recomputing"));
  CHECK(official.sink.Cells().All().empty());
}

TEST_CASE("store: observed snapshots follow the UTC day and are pruned after history_days") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::vector<mltrend::Record> records = TrendingRecords();
  Harness h(*store, "trends", {"hf"}, DefaultRules(), false, 2);
  h.today = std::chrono::sys_days{std::chrono::year{2024} / 12 / 1};
  REQUIRE(h.Open().ok());
  Commit(*store, "hf", {records.begin(), records.begin() + 20});
  REQUIRE(h.Fold().ok());
  Commit(*store, "hf", {records.begin() + 20, records.end()});
  REQUIRE(h.Fold().ok());  // same day: the snapshot is replaced, not added
  auto periods = [&](Harness& x) {
    auto r = x.Query({{"axis", "observed"}});
    REQUIRE(r.status == 200);
    simdjson::dom::parser parser;
    std::vector<std::string> out;
    simdjson::dom::element body = parser.parse(r.body);
    for (simdjson::dom::object point : body["series"].get_array())
      out.push_back(std::string(std::string_view(point["period"])) + "=" +
                    std::to_string(int64_t(point["total"])));
    return out;
  };
  CHECK(periods(h) == std::vector<std::string>{"2024-12-01=50"});
  h.today += std::chrono::days{1};
  REQUIRE(h.Fold().ok());
  h.today += std::chrono::days{1};
  REQUIRE(h.Fold().ok());
  CHECK(periods(h) == std::vector<std::string>{"2024-12-01=50", "2024-12-02=50", "2024-12-03=50"});
  h.today += std::chrono::days{2};  // 2024-12-05: keeps 12-03 onward
  REQUIRE(h.Fold().ok());
  CHECK(periods(h) == std::vector<std::string>{"2024-12-03=50", "2024-12-05=50"});

  Harness reopened(*store, "trends", {"hf"}, DefaultRules(), false, 2);
  REQUIRE(reopened.Open().ok());
  CHECK(periods(reopened) == std::vector<std::string>{"2024-12-03=50", "2024-12-05=50"});
}

TEST_CASE("store: the sink's query errors and a bad rules file") {
  TempDir dir;
  auto store = OpenStore(dir);
  Harness h(*store, "trends", {"hf", "github"}, DefaultRules());
  CHECK(h.Query({{"source", "hf"}}).status == 503);  // not opened yet
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());
  auto missing = h.Query({});
  CHECK(missing.status == 400);
  CHECK(missing.body.find(R"("parameter":"source")") != std::string::npos);
  auto unknown = h.Query({{"source", "pwc"}});
  CHECK(unknown.status == 400);
  CHECK(unknown.body ==
        R"J({"error":"bad_parameter","parameter":"source","message":"source must be one of hf, github, got 'pwc'"})J");
  auto bad = h.Query({{"source", "hf"}, {"metric", "x"}});
  CHECK(bad.status == 400);
  CHECK(bad.body ==
        R"J({"error":"bad_parameter","parameter":"metric","message":"metric must be exclusive or available, got 'x'"})J");
  CHECK(h.Query({{"source", "hf"}}, "/v1/other").status == 404);
  auto empty = h.Query({{"source", "github"}});
  CHECK(empty.status == 200);
  CHECK(empty.body.find(R"("series":[])") != std::string::npos);
  CHECK(h.sink.Routes() == std::vector<std::string>{"/v1/trends", "/v1/rules", "/v1/explain", "/v1/coverage"});

  std::string broken = (dir / "broken.toml").string();
  mltrend_test::WriteFile(broken, "version = \"1\"\n[[rule]]\nframework = \"pytorch\"\ntag = [\"pytorch\"]\n");
  Harness bad_rules(*store, "trends-2", {"hf"}, broken);
  mltrend::Status s = bad_rules.Open();
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(s.message().rfind(broken + ":4:1: unknown key 'tag'", 0) == 0);
  CHECK_FALSE(bad_rules.Fold().ok());
}
