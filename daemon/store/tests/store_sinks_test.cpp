//===----------------------------------------------------------------------===//
// mltrendd — store/tests/store_sinks_test.cpp
//===----------------------------------------------------------------------===//
#include <map>

#include "mltrend_test/test_support.hpp"
#include "store_test_util.hpp"

using mltrend::StateBatch;
using store_test::OpenStore;

namespace {

std::map<std::string, std::string> State(mltrendd::Store& store, const std::string& sink,
                                         const std::string& prefix = "") {
  std::map<std::string, std::string> out;
  const auto status = store.ScanSinkState(sink, prefix, [&](std::string_view k, std::string_view v) {
    out.emplace(std::string(k), std::string(v));
  });
  INFO(status.message());
  REQUIRE(status.ok());
  return out;
}

uint64_t Cursor(mltrendd::Store& store, const std::string& sink) {
  uint64_t cursor = 99;
  REQUIRE(store.GetSinkCursor(sink, cursor).ok());
  return cursor;
}

}  // namespace

TEST_CASE("CommitSink writes state and cursor together", "[sinks]") {
  mltrend_test::TempDir dir;
  {
    auto store = OpenStore(dir.path());
    store_test::Commit(*store, "huggingface", {store_test::Simple("a", "A"), store_test::Simple("b", "B")});
    CHECK(Cursor(*store, "share") == 0);

    StateBatch batch;
    batch.Put("cohort/2023-01", "10");
    batch.Put("cohort/2023-02", "20");
    batch.Put("obs/2024-05-01", "x");
    REQUIRE(store->CommitSink("share", batch, 2).ok());
    CHECK(Cursor(*store, "share") == 2);

    StateBatch next;
    next.Delete("cohort/2023-01");
    next.Put("cohort/2023-02", "21");
    REQUIRE(store->CommitSink("share", next, 2).ok());
  }
  auto store = OpenStore(dir.path());
  CHECK(Cursor(*store, "share") == 2);
  std::optional<std::string> value;
  REQUIRE(store->GetSinkState("share", "cohort/2023-02", value).ok());
  CHECK(value == "21");
  REQUIRE(store->GetSinkState("share", "cohort/2023-01", value).ok());
  CHECK_FALSE(value.has_value());
  CHECK(State(*store, "share", "cohort/") == std::map<std::string, std::string>{{"cohort/2023-02", "21"}});
  CHECK(State(*store, "share").size() == 2);
}

TEST_CASE("clear_all clears only that sink, and ops in the same batch survive", "[sinks]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  // "a" is a prefix of "ab": the separator must keep their key spaces apart.
  StateBatch a;
  a.Put("k1", "a1");
  a.Put("k2", "a2");
  REQUIRE(store->CommitSink("a", a, 0).ok());
  StateBatch ab;
  ab.Put("k1", "ab1");
  REQUIRE(store->CommitSink("ab", ab, 0).ok());
  CHECK(State(*store, "a") == std::map<std::string, std::string>{{"k1", "a1"}, {"k2", "a2"}});
  CHECK(State(*store, "ab") == std::map<std::string, std::string>{{"k1", "ab1"}});

  StateBatch recompute;
  recompute.clear_all = true;
  recompute.Put("k3", "a3");
  recompute.Put("k1", "a1-new");
  REQUIRE(store->CommitSink("a", recompute, 0).ok());
  CHECK(State(*store, "a") == std::map<std::string, std::string>{{"k1", "a1-new"}, {"k3", "a3"}});
  CHECK(State(*store, "ab") == std::map<std::string, std::string>{{"k1", "ab1"}});
  CHECK(Cursor(*store, "ab") == 0);

  const auto cursors = store->SinkCursors();
  REQUIRE(cursors.size() == 2);
  CHECK(cursors[0].first == "a");
  CHECK(cursors[1].first == "ab");
}

TEST_CASE("SinkCursors lists every sink with its cursor", "[sinks]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<mltrend::Record> page;
  for (int i = 0; i < 9; ++i) page.push_back(store_test::Simple(std::to_string(i), "x"));
  store_test::Commit(*store, "github", page);
  CHECK(store->SinkCursors().empty());

  StateBatch many;
  for (int i = 0; i < 100; ++i) many.Put("key" + std::to_string(i), "v");
  REQUIRE(store->CommitSink("share", many, 7).ok());
  REQUIRE(store->CommitSink("counts", StateBatch{}, 9).ok());
  REQUIRE(store->CommitSink("z-last", many, 3).ok());
  const auto cursors = store->SinkCursors();
  CHECK(cursors == std::vector<std::pair<std::string, uint64_t>>{
                       {"counts", 9}, {"share", 7}, {"z-last", 3}});
  std::string report;
  CHECK(store->Verify(report).ok());
}

TEST_CASE("sink calls refuse a name with a separator byte", "[sinks]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  StateBatch batch;
  batch.Put("k", "v");
  CHECK(store->CommitSink(std::string_view("a\0", 2), batch, 1).code() ==
        mltrend::StatusCode::kInvalidInput);
  CHECK(store->CommitSink("", batch, 1).code() == mltrend::StatusCode::kInvalidInput);
  CHECK(store->SinkCursors().empty());
}

TEST_CASE("meta keys round-trip and the store's prefix is reserved", "[sinks]") {
  mltrend_test::TempDir dir;
  auto store = OpenStore(dir.path());
  std::optional<std::string> value;
  REQUIRE(store->GetMeta("last_run.github", value).ok());
  CHECK_FALSE(value.has_value());
  REQUIRE(store->PutMeta("last_run.github", "2024-05-01T00:00:00Z").ok());
  REQUIRE(store->GetMeta("last_run.github", value).ok());
  CHECK(value == "2024-05-01T00:00:00Z");

  const auto reserved = store->PutMeta("store.last_sequence", "0");
  CHECK(reserved.code() == mltrend::StatusCode::kInvalidInput);
  CHECK_THAT(reserved.message(), Catch::Contains("reserved"));
  REQUIRE(store->GetMeta("store.schema_version", value).ok());
  CHECK(value == std::to_string(mltrendd::Store::kSchemaVersion));
  CHECK(store->ApproximateSizeBytes() > 0);
}
