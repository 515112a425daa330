#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "share_cell.hpp"
#include "share_cell_table.hpp"
#include "share_classifier.hpp"
#include "share_folder.hpp"
#include "share_node.hpp"
#include "share_tally.hpp"
#include "share_rules.hpp"
#include "share_state_keys.hpp"

using mltrend::share::Cell;
using mltrend::share::CellTable;
using mltrend::share::FrameworkSet;
using mltrend::share::Measure;

namespace {

const std::vector<std::string> kFrameworks = {"pytorch", "tensorflow", "jax"};
constexpr FrameworkSet kPt = 1, kTf = 2, kJax = 4;
constexpr mltrend::share::Grade kDirect = mltrend::share::Grade::kDirect;

mltrend::share::Signature Sig(FrameworkSet set) { return {set ? kDirect : mltrend::share::Grade::kNone, set, {}, {}, 0}; }

Measure W(int64_t count, int64_t downloads, int64_t stars = 0, int64_t likes = 0) {
  Measure m;
  m.v = {count, downloads, stars, likes};
  return m;
}

}  // namespace

TEST_CASE("cell: exclusive, available, multi and unknown under every weight") {
  Cell c;
  c.Apply(kPt, kDirect, kFrameworks, W(1, 100, 0, 3), 1);
  c.Apply(kPt | kTf, kDirect, kFrameworks, W(1, 50, 0, 2), 1);
  c.Apply(0, kDirect, kFrameworks, W(1, 7), 1);
  c.Apply(kJax, kDirect, kFrameworks, W(1, 0, 9), 1);
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
  for (const auto& [set, w] : records) c.Apply(set, kDirect, kFrameworks, w, 1);
  CHECK_FALSE(c.IsZero());
  // Taken back in another order: sums commute.
  for (auto it = records.rbegin(); it != records.rend(); ++it) c.Apply(it->first, kDirect, kFrameworks, it->second, -1);
  CHECK(c.IsZero());
  CHECK(c == Cell{});
  CHECK(c.exclusive.empty());
  CHECK(c.available.empty());
}

TEST_CASE("cell: sums wrap instead of overflowing, and still return to zero") {
  Cell c;
  Measure huge = W(1, INT64_MAX);
  c.Apply(kPt, kDirect, kFrameworks, huge, 1);
  c.Apply(kPt, kDirect, kFrameworks, huge, 1);
  c.Apply(kPt, kDirect, kFrameworks, huge, -1);
  c.Apply(kPt, kDirect, kFrameworks, huge, -1);
  CHECK(c.IsZero());
}

TEST_CASE("cell: weights come from the record's metrics") {
  mltrend::Record r;
  CHECK(mltrend::share::WeightsOf(r) == W(1, 0));
  r.metrics = {{"downloads", 1234}, {"likes", 5}, {"stars", 6}, {"trendingScore", 99}};
  CHECK(mltrend::share::WeightsOf(r) == W(1, 1234, 6, 5));
  r.metrics["downloads"] = -3;  // nonsense from a source weighs nothing
  CHECK(mltrend::share::WeightsOf(r).v[1] == 0);
  CHECK(mltrend::share::WeightIndex("stars") == 2);
  CHECK(mltrend::share::WeightIndex("forks") == mltrend::share::kWeightCount);
}

TEST_CASE("cell: encoding round-trips and rejects damage") {
  Cell c;
  c.Apply(kPt | kTf, kDirect, kFrameworks, W(1, 20, 0, 1), 1);
  c.Apply(kJax, kDirect, kFrameworks, W(1, 0, 3), 1);
  std::string text = mltrend::share::EncodeCell(c);
  Cell back;
  REQUIRE(mltrend::share::DecodeCell(text, back));
  CHECK(back == c);
  CHECK(mltrend::share::DecodeCell("", back));
  CHECK(back.IsZero());
  CHECK_FALSE(mltrend::share::DecodeCell("total 1 2 3\n", back));
  CHECK_FALSE(mltrend::share::DecodeCell("total 1 2 3 4", back));
  CHECK_FALSE(mltrend::share::DecodeCell("bogus 1 2 3 4\n", back));
  CHECK_FALSE(mltrend::share::DecodeCell("x 1 2 3 4\n", back));
  CHECK_FALSE(mltrend::share::DecodeCell("total 1 2 3 4x\n", back));
}

TEST_CASE("cell table: changed cells are written, emptied cells deleted") {
  CellTable t;
  t.Apply("hf", "2024-07", Sig(kPt), W(1, 10), 1);
  t.Apply("hf", "2024-08", Sig(kTf), W(1, 10), 1);
  mltrend::StateBatch first;
  t.WriteChanged(first);
  REQUIRE(first.ops.size() == 2);
  CHECK(first.ops[0].first == "cell/hf/2024-07");
  CHECK(first.ops[0].second.has_value());
  CHECK(mltrend::share::Evaluate(t.Totals("hf"), {}, kFrameworks).total == W(2, 20));

  t.Apply("hf", "2024-07", Sig(kPt), W(1, 10), -1);
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

TEST_CASE("cell table: a copy and a moved-to table count on their own cells, the changes marked again after a write") {
  CellTable t;
  t.Apply("hf", "2024-07", Sig(kPt), W(1, 10), 1);
  CellTable copy = t;  // its index starts empty and finds the copy's own cells
  copy.Apply("hf", "2024-07", Sig(kPt), W(1, 10), 1);
  CHECK(mltrend::share::Evaluate(t.Totals("hf"), {}, kFrameworks).total == W(1, 10));
  CHECK(mltrend::share::Evaluate(copy.Totals("hf"), {}, kFrameworks).total == W(2, 20));

  CellTable moved = std::move(t);  // its index moves with the cells it points at
  moved.Apply("hf", "2024-07", Sig(kPt), W(1, 10), 1);
  CHECK(mltrend::share::Evaluate(moved.Totals("hf"), {}, kFrameworks).total == W(2, 20));
  mltrend::StateBatch all;
  moved.WriteAll(all);
  CHECK(all.ops.size() == 1);
  // Written, then touched again: marked changed again.
  moved.Apply("hf", "2024-07", Sig(kPt), W(1, 10), -1);
  mltrend::StateBatch changed;
  moved.WriteChanged(changed);
  REQUIRE(changed.ops.size() == 1);
  CHECK(changed.ops[0].first == "cell/hf/2024-07");
  // Emptied through the index: the cell and its index entry go; a new one starts from zero.
  moved.Apply("hf", "2024-07", Sig(kPt), W(1, 10), -1);
  CHECK(moved.Find("hf") == nullptr);
  moved.Apply("hf", "2024-07", Sig(kTf), W(1, 10), 1);
  CHECK(mltrend::share::Evaluate(moved.Totals("hf"), {}, kFrameworks).total == W(1, 10));
}

TEST_CASE("folder: official_only counts official links only, before and after alike") {
  mltrend::share::Rules rules;
  REQUIRE(mltrend::share::ParseRules("version = \"1\"\n[[rule]]\nframework = \"pytorch\"\ndeclared = [\"pytorch\", \"torch\"]\n",
                                      "r.toml", rules)
              .ok());
  mltrend::share::Classifier classifier;
  REQUIRE(mltrend::share::Classifier::Build(rules, classifier).ok());
  mltrend::Record official, unofficial, none;
  official.date = unofficial.date = none.date = "2019-05-01";
  official.id = "1";
  official.name = "a";
  official.declared = {"torch"};
  official.attrs["is_official"] = "true";
  unofficial.id = "2";
  unofficial.name = "b";
  unofficial.declared = {"pytorch"};
  unofficial.attrs["is_official"] = "false";
  none.id = "3";
  none.name = "c";
  none.declared = {"none"};
  none.attrs["is_official"] = "true";
  CellTable only, all, only_slices{mltrend::share::kSlicePrefix}, all_slices{mltrend::share::kSlicePrefix};
  mltrend::share::NodeStore only_nodes(nullptr), all_nodes(nullptr);
  mltrend::share::Folder only_folder(classifier, true, only_nodes, only, only_slices);
  mltrend::share::Folder all_folder(classifier, false, all_nodes, all, all_slices);
  for (const auto* r : {&official, &unofficial, &none}) {
    REQUIRE(only_folder.Change("pwc", r->id, nullptr, r).ok());
    REQUIRE(all_folder.Change("pwc", r->id, nullptr, r).ok());
  }
  const Cell o = mltrend::share::Evaluate(only.Find("pwc")->at("2019-05"), {}, classifier.Frameworks());
  CHECK(o.total.v[0] == 2);
  CHECK(o.classified.v[0] == 1);
  CHECK(o.unknown.v[0] == 1);
  CHECK(o.exclusive.at("pytorch").v[0] == 1);
  CHECK(mltrend::share::Evaluate(all.Find("pwc")->at("2019-05"), {}, classifier.Frameworks()).total.v[0] == 3);
  // Taking back a record that was never counted changes nothing.
  const mltrend::share::Tally before = only.Find("pwc")->at("2019-05");
  REQUIRE(only_folder.Change("pwc", unofficial.id, &unofficial, nullptr).ok());
  CHECK(only.Find("pwc")->at("2019-05") == before);
}

TEST_CASE("tally: views evaluate grades, evidence= and among= from one tally, and encode losslessly") {
  mltrend::share::Tally t;
  using mltrend::share::Grade;
  t.Apply({Grade::kDirect, kPt, {}, {}, 0}, W(1, 10), 1);
  t.Apply({Grade::kLibrary, kPt, {}, {}, 0}, W(2, 20), 1);
  t.Apply({Grade::kLineage, kTf | kJax, {}, {}, 0}, W(1, 5), 1);
  t.Apply({Grade::kDirect, kJax, {}, {}, 0}, W(1, 1), 1);
  t.Apply({Grade::kNone, 0, mltrend::share::FileReason::kNoFileList, {}, 0}, W(3, 7), 1);
  Cell all = mltrend::share::Evaluate(t, {}, kFrameworks);
  CHECK(all.total == W(8, 43));
  CHECK(all.classified == W(5, 36));
  CHECK(all.grades[0] == W(2, 11));
  CHECK(all.grades[1] == W(2, 20));
  CHECK(all.grades[2] == W(1, 5));
  CHECK(all.unknown == W(3, 7));
  CHECK(all.multi == W(1, 5));
  mltrend::share::View direct;
  direct.grades = 0b001;
  Cell d = mltrend::share::Evaluate(t, direct, kFrameworks);
  CHECK(d.classified == W(2, 11));
  CHECK(d.unknown == W(6, 32));
  mltrend::share::View among;
  among.among = kPt | kTf;
  Cell a = mltrend::share::Evaluate(t, among, kFrameworks);
  CHECK(a.classified == W(4, 35));  // the jax-only record is outside
  CHECK(a.outside == W(1, 1));
  CHECK(a.multi == W(0, 0));        // {tf, jax} cut to {tf}
  CHECK(a.exclusive.at("tensorflow") == W(1, 5));
  Measure sum = a.classified;
  sum.Add(a.unknown, 1);
  sum.Add(a.outside, 1);
  CHECK(sum == a.total);

  mltrend::share::Tally back;
  REQUIRE(mltrend::share::DecodeTally(mltrend::share::EncodeTally(t), back));
  CHECK(back == t);
  CHECK_FALSE(mltrend::share::DecodeTally("1 1 0 0 0 1 2 3\n", back));
  t.Apply({Grade::kDirect, kPt, {}, {}, 0}, W(1, 10), -1);
  t.Apply({Grade::kLibrary, kPt, {}, {}, 0}, W(2, 20), -1);
  CHECK(t.entries.size() == 3);
}

TEST_CASE("state keys split at the last slash and fingerprints follow rules and options") {
  std::string source, label;
  CHECK(mltrend::share::SplitStateKey("cell/org/hf/2024-07", "cell/", source, label));
  CHECK(source == "org/hf");
  CHECK(label == "2024-07");
  CHECK_FALSE(mltrend::share::SplitStateKey("obs/hf/2024-07-01", "cell/", source, label));
  CHECK_FALSE(mltrend::share::SplitStateKey("cell/hf", "cell/", source, label));
  mltrend::share::Rules a, b;
  mltrend::share::Rule rule;
  rule.framework = "pytorch";
  rule.tags = {"pytorch"};
  a.rules.push_back(rule);
  rule.tags = {"torch"};
  b.rules.push_back(rule);
  mltrend::share::Rules c = a;
  c.rules[0].grade = mltrend::share::Grade::kLibrary;
  CHECK(mltrend::share::Fingerprint(a, false) == mltrend::share::Fingerprint(a, false));
  CHECK(mltrend::share::Fingerprint(a, false) != mltrend::share::Fingerprint(b, false));
  CHECK(mltrend::share::Fingerprint(a, false) != mltrend::share::Fingerprint(a, true));
  CHECK(mltrend::share::Fingerprint(a, false) != mltrend::share::Fingerprint(c, false));  // a grade is matching content
  CHECK(mltrend::share::Fingerprint(a, false).size() == 16);
}
