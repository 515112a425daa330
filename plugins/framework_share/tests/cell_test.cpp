#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framework_share/cell.hpp"
#include "framework_share/cell_table.hpp"
#include "framework_share/classifier.hpp"
#include "framework_share/rules.hpp"
#include "framework_share/state_keys.hpp"

using framework_share::Cell;
using framework_share::CellTable;
using framework_share::FrameworkSet;
using framework_share::Measure;

namespace {

const std::vector<std::string> kFrameworks = {"pytorch", "tensorflow", "jax"};
constexpr FrameworkSet kPt = 1, kTf = 2, kJax = 4;

Measure W(int64_t count, int64_t downloads, int64_t stars = 0, int64_t likes = 0) {
  Measure m;
  m.v = {count, downloads, stars, likes};
  return m;
}

}  // namespace

TEST_CASE("cell: exclusive, available, multi and unknown under every weight") {
  Cell c;
  c.Apply(kPt, kFrameworks, W(1, 100, 0, 3), 1);
  c.Apply(kPt | kTf, kFrameworks, W(1, 50, 0, 2), 1);
  c.Apply(0, kFrameworks, W(1, 7), 1);
  c.Apply(kJax, kFrameworks, W(1, 0, 9), 1);
  CHECK(c.total == W(4, 157, 9, 5));
  CHECK(c.classified == W(3, 150, 9, 5));
  CHECK(c.unknown == W(1, 7));
  CHECK(c.multi == W(1, 50, 0, 2));
  CHECK(c.exclusive.size() == 2);
  CHECK(c.exclusive.at("pytorch") == W(1, 100, 0, 3));
  CHECK(c.exclusive.at("jax") == W(1, 0, 9));
  CHECK(c.available.at("pytorch") == W(2, 150, 0, 5));
  CHECK(c.available.at("tensorflow") == W(1, 50, 0, 2));
  CHECK(c.available.count("jax") == 1);
}

TEST_CASE("cell: adding then subtracting every record returns to zero") {
  Cell c;
  const std::vector<std::pair<FrameworkSet, Measure>> records = {
      {kPt, W(1, 10)}, {kPt | kTf | kJax, W(1, 20, 0, 1)}, {0, W(1, 5)}, {kTf, W(1, 1, 2, 3)}};
  for (const auto& [set, w] : records) c.Apply(set, kFrameworks, w, 1);
  CHECK_FALSE(c.IsZero());
  // Taken back in another order: sums commute.
  for (auto it = records.rbegin(); it != records.rend(); ++it) c.Apply(it->first, kFrameworks, it->second, -1);
  CHECK(c.IsZero());
  CHECK(c == Cell{});
  CHECK(c.exclusive.empty());
  CHECK(c.available.empty());
}

TEST_CASE("cell: sums wrap instead of overflowing, and still return to zero") {
  Cell c;
  Measure huge = W(1, INT64_MAX);
  c.Apply(kPt, kFrameworks, huge, 1);
  c.Apply(kPt, kFrameworks, huge, 1);
  c.Apply(kPt, kFrameworks, huge, -1);
  c.Apply(kPt, kFrameworks, huge, -1);
  CHECK(c.IsZero());
}

TEST_CASE("cell: weights come from the record's metrics") {
  mltrend::Record r;
  CHECK(framework_share::WeightsOf(r) == W(1, 0));
  r.metrics = {{"downloads", 1234}, {"likes", 5}, {"stars", 6}, {"trendingScore", 99}};
  CHECK(framework_share::WeightsOf(r) == W(1, 1234, 6, 5));
  r.metrics["downloads"] = -3;  // nonsense from a source weighs nothing
  CHECK(framework_share::WeightsOf(r).v[1] == 0);
  CHECK(framework_share::WeightIndex("stars") == 2);
  CHECK(framework_share::WeightIndex("forks") == framework_share::kWeightCount);
}

TEST_CASE("cell: encoding round-trips and rejects damage") {
  Cell c;
  c.Apply(kPt | kTf, kFrameworks, W(1, 20, 0, 1), 1);
  c.Apply(kJax, kFrameworks, W(1, 0, 3), 1);
  std::string text = framework_share::EncodeCell(c);
  Cell back;
  REQUIRE(framework_share::DecodeCell(text, back));
  CHECK(back == c);
  CHECK(framework_share::DecodeCell("", back));
  CHECK(back.IsZero());
  CHECK_FALSE(framework_share::DecodeCell("total 1 2 3\n", back));
  CHECK_FALSE(framework_share::DecodeCell("total 1 2 3 4", back));
  CHECK_FALSE(framework_share::DecodeCell("bogus 1 2 3 4\n", back));
  CHECK_FALSE(framework_share::DecodeCell("x 1 2 3 4\n", back));
  CHECK_FALSE(framework_share::DecodeCell("total 1 2 3 4x\n", back));
}

TEST_CASE("cell table: changed cells are written, emptied cells deleted") {
  CellTable t;
  t.Apply("hf", "2024-07", kPt, kFrameworks, W(1, 10), 1);
  t.Apply("hf", "2024-08", kTf, kFrameworks, W(1, 10), 1);
  mltrend::StateBatch first;
  t.WriteChanged(first);
  REQUIRE(first.ops.size() == 2);
  CHECK(first.ops[0].first == "cell/hf/2024-07");
  CHECK(first.ops[0].second.has_value());
  CHECK(t.Totals("hf").total == W(2, 20));

  t.Apply("hf", "2024-07", kPt, kFrameworks, W(1, 10), -1);
  mltrend::StateBatch second;
  t.WriteChanged(second);
  REQUIRE(second.ops.size() == 1);
  CHECK(second.ops[0].first == "cell/hf/2024-07");
  CHECK_FALSE(second.ops[0].second.has_value());
  REQUIRE(t.Find("hf") != nullptr);
  CHECK(t.Find("hf")->size() == 1);
  mltrend::StateBatch none;
  t.WriteChanged(none);
  CHECK(none.ops.empty());
}

TEST_CASE("cell table: official_only counts official links only, before and after alike") {
  framework_share::Rules rules;
  REQUIRE(framework_share::ParseRules("version = \"1\"\n[[rule]]\nframework = \"pytorch\"\ndeclared = [\"pytorch\", \"torch\"]\n",
                                      "r.toml", rules)
              .ok());
  framework_share::Classifier classifier;
  REQUIRE(framework_share::Classifier::Build(rules, classifier).ok());
  mltrend::Record official, unofficial, none;
  official.date = unofficial.date = none.date = "2019-05-01";
  official.declared = {"torch"};
  official.attrs["is_official"] = "true";
  unofficial.declared = {"pytorch"};
  unofficial.attrs["is_official"] = "false";
  none.declared = {"none"};
  none.attrs["is_official"] = "true";
  CellTable only, all;
  for (const auto* r : {&official, &unofficial, &none}) {
    framework_share::FoldRecord(classifier, true, "pwc", *r, 1, only);
    framework_share::FoldRecord(classifier, false, "pwc", *r, 1, all);
  }
  const Cell& o = only.Find("pwc")->at("2019-05");
  CHECK(o.total.v[0] == 2);
  CHECK(o.classified.v[0] == 1);
  CHECK(o.unknown.v[0] == 1);
  CHECK(o.exclusive.at("pytorch").v[0] == 1);
  CHECK(all.Find("pwc")->at("2019-05").total.v[0] == 3);
  // Taking back a record that was never counted changes nothing.
  framework_share::FoldRecord(classifier, true, "pwc", unofficial, -1, only);
  CHECK(only.Find("pwc")->at("2019-05") == o);
}

TEST_CASE("state keys split at the last slash and fingerprints follow rules and options") {
  std::string source, label;
  CHECK(framework_share::SplitStateKey("cell/org/hf/2024-07", "cell/", source, label));
  CHECK(source == "org/hf");
  CHECK(label == "2024-07");
  CHECK_FALSE(framework_share::SplitStateKey("obs/hf/2024-07-01", "cell/", source, label));
  CHECK_FALSE(framework_share::SplitStateKey("cell/hf", "cell/", source, label));
  framework_share::Rules a, b;
  a.rules.push_back({"pytorch", {"pytorch"}, {}, {}, {}, {}, ""});
  b.rules.push_back({"pytorch", {"torch"}, {}, {}, {}, {}, ""});
  CHECK(framework_share::Fingerprint(a, false) == framework_share::Fingerprint(a, false));
  CHECK(framework_share::Fingerprint(a, false) != framework_share::Fingerprint(b, false));
  CHECK(framework_share::Fingerprint(a, false) != framework_share::Fingerprint(a, true));
  CHECK(framework_share::Fingerprint(a, false).size() == 16);
}
