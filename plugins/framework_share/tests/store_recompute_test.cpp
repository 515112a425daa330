// A full recompute against the daemon's real store streams its lineage
// nodes out in several commits while it reads the records, with the
// fingerprint last: one that stops between its commits (a full disk, a
// crash) leaves a state the next open recognises as unfinished and
// recomputes, and keeps the observed snapshots.
#include "store_harness.hpp"

#include "share_state_keys.hpp"

using namespace framework_share_test;

namespace {

//! The store's context with its `fail_at`-th Commit refused, as a full disk would.
class FailingCommits final : public mltrend::SinkContext {
 public:
  FailingCommits(mltrend::SinkContext& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {}
  int commits = 0;  //!< Commit calls seen, the refused one included

  const mltrend::ConfigValues& Config() const override { return inner_.Config(); }
  mltrend::Logger& Log() override { return inner_.Log(); }
  const mltrend::CancelToken& Cancel() const override { return inner_.Cancel(); }
  std::vector<std::string> SourceNames() const override { return inner_.SourceNames(); }
  uint64_t Cursor() const override { return inner_.Cursor(); }
  bool ChangesLost() override { return inner_.ChangesLost(); }
  mltrend::Status ReadChanges(size_t max, std::vector<mltrend::Change>& out) override {
    return inner_.ReadChanges(max, out);
  }
  mltrend::Status ScanRecords(const std::function<mltrend::Status(std::string_view, const mltrend::Record&)>& visit,
                              uint64_t& position) override {
    return inner_.ScanRecords(visit, position);
  }
  mltrend::Status GetRecord(std::string_view source, std::string_view id,
                            std::optional<mltrend::Record>& out) override {
    return inner_.GetRecord(source, id, out);
  }
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override {
    return inner_.GetState(key, value);
  }
  mltrend::Status ScanState(std::string_view prefix,
                            const std::function<void(std::string_view, std::string_view)>& visit) override {
    return inner_.ScanState(prefix, visit);
  }
  mltrend::Status Commit(const mltrend::StateBatch& batch, uint64_t new_cursor) override {
    if (++commits == fail_at_) return mltrend::Status::IoError("No space left on device (test)");
    return inner_.Commit(batch, new_cursor);
  }

 private:
  mltrend::SinkContext& inner_;
  int fail_at_;
};

std::map<std::string, std::string> StateUnder(Harness& h, std::string_view prefix) {
  std::map<std::string, std::string> state;
  REQUIRE(h.ctx->ScanState(prefix, [&](std::string_view k, std::string_view v) { state.emplace(k, v); }).ok());
  return state;
}

}  // namespace

TEST_CASE("store: a recompute stopped between its batches is redone at the next open and keeps the snapshots") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::vector<mltrend::Record> records = TrendingRecords();
  Commit(*store, "hf", records);
  {
    Harness first(*store, "trends", {"hf"}, DefaultRules());
    REQUIRE(first.Open().ok());
    REQUIRE(first.Fold().ok());  // takes today's snapshot
  }
  // Other rules (one rule more, matching nothing): the next open recomputes.
  const std::filesystem::path rules = dir / "rules.toml";
  mltrend_test::WriteFile(rules, mltrend_test::ReadFile(DefaultRules()) +
                                     "\n[[rule]]\nframework = \"other\"\ntags = [\"matches-no-model\"]\n");
  // Batches of 4 puts: the 50 models' nodes and edges take many commits.
  Harness again(*store, "trends", {"hf"}, rules.string(), false, 730, 10000, -1, 4);
  const auto snapshots = StateUnder(again, mltrend::share::kObservationPrefix);
  REQUIRE(snapshots.size() == 1);

  // The first commit clears the state and keeps the snapshots, the second
  // writes the first 4 nodes and edges read, the third is refused: the
  // recompute stops there.
  FailingCommits failing(*again.ctx, 3);
  const mltrend::Status stopped = again.sink.Open(failing);
  CHECK(stopped.message() == "No space left on device (test)");
  CHECK(failing.commits == 3);
  std::optional<std::string> fingerprint;
  REQUIRE(again.ctx->GetState(mltrend::share::kFingerprintKey, fingerprint).ok());
  CHECK_FALSE(fingerprint.has_value());
  CHECK(StateUnder(again, "node/").size() + StateUnder(again, "edge/").size() == 4);
  CHECK(StateUnder(again, mltrend::share::kCellPrefix).empty());
  CHECK(StateUnder(again, mltrend::share::kObservationPrefix) == snapshots);

  // The next open sees no fingerprint and recomputes the whole state, equal
  // to a sink that recomputed at once in one batch, snapshots kept.
  again.log.lines.clear();
  REQUIRE(again.Open().ok());
  CHECK(again.log.Mentions("recomputing framework shares"));
  Harness fresh(*store, "fresh", {"hf"}, rules.string());
  REQUIRE(fresh.Open().ok());
  auto recomputed = StateUnder(again, "");
  CHECK(recomputed.size() > 50);
  for (const auto& [key, value] : snapshots) CHECK(recomputed.erase(key) == 1);
  CHECK(recomputed == StateUnder(fresh, ""));
}
