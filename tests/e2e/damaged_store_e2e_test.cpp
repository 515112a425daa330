//===----------------------------------------------------------------------===//
// tests/e2e — damaged_store_e2e_test.cpp
//===----------------------------------------------------------------------===//
// The real daemon on a store with a truncated table file: it refuses to
// start, naming the file and what to do, exits non-zero and never sends
// READY=1 nor opens its socket; `--verify` refuses the same way. (Each kind
// of damage is in store_tests [damaged].)
#include <catch2/catch.hpp>

#include "e2e_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("a damaged store is refused at start, naming the file and what to do, with no READY=1", "[damaged]") {
  e2e::CrawledListing listing;
  REQUIRE(listing.once_status == 0);
  const fs::path state = listing.box.dir / "state";
  fs::path victim;
  for (const auto& e : fs::directory_iterator(state))
    if (e.path().extension() == ".sst" && (victim.empty() || fs::file_size(e.path()) > fs::file_size(victim)))
      victim = e.path();
  REQUIRE_FALSE(victim.empty());
  fs::resize_file(victim, fs::file_size(victim) / 2);

  const std::string refusal = "mltrendd: state_dir " + state.string() + " is damaged and was not opened: " +
                              victim.string() + " is damaged (RocksDB: Corruption: file is too short (";
  const std::string what_to_do =
      "No store file was changed. Restore state_dir from a backup and check it with `mltrendd --verify`, or move "
      "state_dir aside to start an empty store that the sources refill from the beginning.\n";
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", listing.box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  CHECK(daemon.Wait() == 78);
  const std::string err = daemon.Stderr();
  INFO(err);
  CHECK(err.find(refusal) != std::string::npos);
  CHECK_THAT(err, Catch::EndsWith(what_to_do));
  CHECK(notify.Count("READY=1") == 0);
  CHECK_FALSE(fs::exists(listing.box.socket));

  std::string verify_err;
  CHECK(listing.box.RunDaemon({"--verify"}, &verify_err) == 78);
  CHECK(verify_err.find(refusal) == 0);
}
