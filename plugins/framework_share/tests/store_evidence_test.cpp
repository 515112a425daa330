// The shipped rules on today's Hub: the 1,000 trending models of 2026-05-04
// (listing data alone: tags, library_name, base_model lineage) through the
// real store and the sink. Every figure /v1/coverage reports must equal the
// independent count of tests/tools/count_hf_evidence.py (a ctest fixture
// writes it beside the unpacked listing), and every record must explain
// itself with the grade it is counted with.
#include <fstream>
#include <sstream>

#include "store_harness.hpp"

using namespace framework_share_test;

namespace {

std::string DataFile(const char* name) { return std::string(FRAMEWORK_SHARE_TEST_DATA) + "/" + name; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

//! "count/downloads" of a {"count","downloads",...} object.
std::string Pair(simdjson::dom::element m) {
  return std::to_string(int64_t(m["count"])) + "/" + std::to_string(int64_t(m["downloads"]));
}

//! The listing in a real store, folded by a sink with the shipped rules,
//! and the independent count of it.
struct Trending2026 {
  Trending2026() {
    REQUIRE(records.size() == 1000);
    Commit(*store, "hf", records);
    REQUIRE(sink.Open().ok());
    REQUIRE(sink.Fold().ok());
  }
  const std::vector<mltrend::Record> records = ListingRecords(DataFile("trending2026.json"));
  TempDir dir;
  std::unique_ptr<mltrendd::Store> store = OpenStore(dir);
  Harness sink{*store, "evidence", {"hf"}, DefaultRules()};
  const std::string expected_text = Slurp(DataFile("trending2026_expected.json"));
  simdjson::dom::parser expected_parser;
  simdjson::dom::element expected = expected_parser.parse(expected_text);
};

}  // namespace

TEST_CASE("evidence on the 2026 trending listing equals an independent count, and meets the targets") {
  Trending2026 data;
  Harness& h = data.sink;
  const auto& records = data.records;
  simdjson::dom::element expected = data.expected;
  simdjson::dom::parser parser;
  auto response = h.Query({{"source", "hf"}}, "/v1/coverage");
  REQUIRE(response.status == 200);
  simdjson::dom::element coverage = parser.parse(response.body);
  for (const char* key : {"total", "classified", "direct", "library", "lineage", "unknown"}) {
    INFO(key);
    CHECK(Pair(coverage[key]) == Pair(expected[key]));
  }
  std::map<std::string, std::string> reasons, expected_reasons;
  for (simdjson::dom::element r : coverage["unknown_reasons"].get_array())
    reasons[std::string(std::string_view(r["reason"]))] = Pair(r);
  for (auto [reason, m] : expected["unknown_reasons"].get_object()) expected_reasons[std::string(reason)] = Pair(m);
  CHECK(reasons == expected_reasons);

  // The figures, exactly (python3 tests/tools/count_hf_evidence.py on the
  // listing with config/rules/frameworks.toml), and the targets:
  // unknown at most 25 % of models and 7 % of downloads.
  const int64_t total = coverage["total"]["count"], total_downloads = coverage["total"]["downloads"];
  const int64_t unknown = coverage["unknown"]["count"], unknown_downloads = coverage["unknown"]["downloads"];
  CHECK(total == 1000);
  CHECK(unknown == 229);
  CHECK(unknown_downloads == 32522188);
  CHECK(unknown * 100 <= total * 25);
  CHECK(unknown_downloads * 100 <= total_downloads * 7);
  CHECK(Pair(coverage["direct"]) == "129/548701447");
  CHECK(Pair(coverage["library"]) == "479/546350244");
  CHECK(Pair(coverage["lineage"]) == "163/26194916");
  // Every unknown one lacks a file list: siblings would reach all of them.
  CHECK(Pair(coverage["reachable"]["with_file_lists"]) == Pair(coverage["unknown"]));

  // evidence=direct: only framework tags count (the figure the closing note reports).
  auto direct = h.Query({{"source", "hf"}, {"bucket", "year"}, {"evidence", "direct"}});
  REQUIRE(direct.status == 200);
  int64_t classified_direct = 0;
  for (simdjson::dom::object point : parser.parse(direct.body)["series"].get_array())
    classified_direct += int64_t(point["classified"]);
  CHECK(classified_direct == 129);

  // Every record explains itself: a grade iff classified, evidence of that
  // grade marked used, or a stored ancestor that carries the frameworks.
  std::map<std::string, int64_t> grades;
  for (const mltrend::Record& record : records) {
    auto r = h.Query({{"source", "hf"}, {"id", record.id}}, "/v1/explain");
    REQUIRE(r.status == 200);
    simdjson::dom::element body = parser.parse(r.body);
    const std::string grade{std::string_view(body["grade"])};
    ++grades[grade];
    INFO(record.name << ": " << r.body);
    const size_t frameworks = body["frameworks"].get_array().size();
    CHECK((grade == "none") == (frameworks == 0));
    if (grade == "direct" || grade == "library") {
      bool used = false;
      for (simdjson::dom::object m : body["evidence"].get_array())
        used |= bool(m["used"]) && std::string_view(m["grade"]) == grade;
      CHECK(used);
    } else if (grade == "lineage") {
      bool carried = false;
      for (simdjson::dom::object step : body["lineage"].get_array()) {
        simdjson::dom::array fw;
        carried |= bool(step["stored"]) && step["frameworks"].get(fw) == simdjson::SUCCESS && fw.size() > 0;
      }
      CHECK(carried);
    } else {
      CHECK_FALSE(std::string_view(body["unknown_reason"]).empty());
    }
  }
  CHECK(grades == std::map<std::string, int64_t>{{"direct", 129}, {"library", 479}, {"lineage", 163}, {"none", 229}});
}

TEST_CASE("among=pytorch,tensorflow: the seed's framing puts the rest outside classified") {
  Trending2026 data;
  Harness& h = data.sink;
  simdjson::dom::parser parser;
  // Independently: records whose set meets {pytorch, tensorflow}, and those
  // classified with neither (jax, mlx, paddlepaddle only).
  const int64_t classified = data.expected["classified"]["count"];
  auto response = h.Query({{"source", "hf"}, {"bucket", "year"}, {"among", "pytorch,tensorflow"}});
  REQUIRE(response.status == 200);
  int64_t among = 0, outside = 0, total = 0, unknown = 0;
  for (simdjson::dom::object point : parser.parse(response.body)["series"].get_array()) {
    among += int64_t(point["classified"]);
    outside += int64_t(point["outside"]);
    total += int64_t(point["total"]);
    unknown += int64_t(point["unknown"]);
  }
  CHECK(total == among + outside + unknown);
  CHECK(among + outside == classified);
  CHECK(among == 720);   // sets meeting {pytorch, tensorflow}
  CHECK(outside == 51);  // mlx, jax or paddlepaddle only
  CHECK(h.Query({{"source", "hf"}, {"among", "pytorch,caffe3"}}).status == 400);
}
