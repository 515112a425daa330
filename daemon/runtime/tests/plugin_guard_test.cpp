// The plugin guard over a real store: what a previous life left (marks, the
// fatal-signal record) becomes deaths, quarantine, and is cleared.
#include <catch2/catch.hpp>

#include "mltrend_test/test_support.hpp"
#include "mltrendd/runtime/plugin_guard.hpp"

using mltrendd::PluginGuard;

namespace {

//! One daemon life: the store opened, the guard recovered, `keys` registered under `fingerprint`.
struct Life {
  std::unique_ptr<mltrendd::Store> store;
  std::unique_ptr<PluginGuard> guard;
  Life(const std::filesystem::path& dir, const std::vector<std::string>& keys, const std::string& fingerprint = "f1") {
    REQUIRE(mltrendd::Store::Open(dir, {}, store).ok());
    guard = std::make_unique<PluginGuard>(*store, 2);
    REQUIRE(guard->Recover(dir, keys).ok());
    for (const auto& key : keys) guard->Register(key, "source " + key.substr(key.find('.') + 1), fingerprint);
  }
};

}  // namespace

TEST_CASE("plugin guard: deaths from fault records only, quarantine at the threshold, cleared by Clear or new table") {
  mltrend_test::TempDir dir;
  const std::vector<std::string> keys = {"source.a", "source.b"};
  {
    Life life(dir.path(), keys);
    REQUIRE(life.guard->Enter("source.a").ok());
    REQUIRE(life.guard->Enter("source.b").ok());
    CHECK(life.guard->Inside() == keys);
  }  // "dies" inside both; the handler's record names a
  mltrend_test::WriteFile(dir / "plugin-fault.mltrendd", "source.a 11\n");
  {
    Life life(dir.path(), keys);
    CHECK(life.guard->State("source.a").deaths == 1);
    CHECK(life.guard->State("source.a").last_death == "signal 11 (SIGSEGV) in its run");
    CHECK(life.guard->State("source.b").deaths == 0);  // a bystander
    CHECK(mltrend_test::ReadFile(dir / "plugin-fault.mltrendd").empty());
    REQUIRE(life.guard->Enter("source.a").ok());
  }
  mltrend_test::WriteFile(dir / "plugin-fault.mltrendd", "source.a 7\n");
  {
    Life life(dir.path(), keys);
    CHECK(life.guard->State("source.a").deaths == 2);
    CHECK(life.guard->State("source.a").quarantine ==
          "quarantined after 2 consecutive daemon deaths inside it (last: signal 7 (SIGBUS) in its run); not started "
          "until `mltrend unquarantine a` or a change to its [[source]] table");
    CHECK(life.guard->Quarantined("source.a"));
    CHECK_FALSE(life.guard->Quarantined("source.b"));
  }
  {
    Life life(dir.path(), keys);  // nothing new: still quarantined
    CHECK(life.guard->Quarantined("source.a"));
    REQUIRE(life.guard->Clear("source.a").ok());
    CHECK(life.guard->State("source.a").deaths == 0);
    CHECK(life.guard->Clear("source.nope").code() == mltrend::StatusCode::kNotFound);
  }
  {
    Life life(dir.path(), keys);
    CHECK_FALSE(life.guard->Quarantined("source.a"));
    life.guard->ChargeHang("source.a", std::chrono::milliseconds(300));
    life.guard->ChargeHang("source.a", std::chrono::milliseconds(300));
    CHECK(life.guard->State("source.a").quarantine.find("(last: did not return within shutdown_grace (300 ms) at a "
                                                        "stop)") != std::string::npos);
  }
  {
    Life life(dir.path(), keys, "f2");  // a changed table
    CHECK(life.guard->State("source.a").deaths == 0);
    CHECK_FALSE(life.guard->Quarantined("source.a"));
    REQUIRE(life.guard->Enter("source.a").ok());
    life.guard->Leave("source.a");
    CHECK(life.guard->Inside().empty());
  }
}
