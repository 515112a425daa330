//===----------------------------------------------------------------------===//
// tests — plugin_kit.hpp
//===----------------------------------------------------------------------===//
// What every source plugin's tests need: a source run through the daemon's
// real StoreSourceContext, BeastHttpClient and a RocksDB store in a temp dir,
// against the loopback replay server; a logger that keeps its lines; the
// plugin's config at its declared defaults; the fixture-reshaping scripts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/log.hpp"
#include "mltrend/record.hpp"
#include "mltrend/source.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrend_test {

//! A Logger that keeps every line, so tests can check what was (and was
//! not: a token) logged.
class CaptureLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel level, std::string_view message) override;
  bool Enabled(mltrend::LogLevel) const override { return true; }
  std::vector<std::string> Lines() const;
  bool AnyLineContains(std::string_view text) const { return CountContaining(text) > 0; }
  size_t CountContaining(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

//! Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

//! Every key of a plugin's table at its declared default (required keys,
//! whose default is null, are left out), plus "name": the table the daemon
//! builds for an instance that sets nothing.
mltrend::ConfigValues DefaultValues(std::span<const mltrend::ConfigKey> keys, const std::string& name);

//! Runs `python3 tests/tools/<script> <args>` (args already quoted), stdout
//! into `stdout_file`, stderr beside it (`<stdout_file>.stderr`, shown as a
//! test warning when the script fails); returns the exit status.
int RunTool(const std::string& script, const std::string& args, const std::filesystem::path& stdout_file);

//! The `target` of every line of `<dir>/exchanges.jsonl`, in file order.
std::vector<std::string> ExchangeTargets(const std::filesystem::path& dir);

//! A real store in a temp dir plus a loopback replay server, and one run of
//! a source (stored under `name`) at a time through the daemon's
//! StoreSourceContext and BeastHttpClient.
class SourceHarness {
 public:
  explicit SourceHarness(std::string name);
  ~SourceHarness();

  ReplayServer& Server() { return server_; }
  mltrendd::Store& Store() { return *store_; }
  CaptureLogger& Log() { return log_; }
  //! The counters of the last run (pages, inserted, updated, rejected, progress).
  mltrendd::SourceRunCounters& Counters() { return counters_; }
  const TempDir& Dir() const { return dir_; }

  //! One Source::Run of `source` with `config`. `cancelled` sets the token
  //! first; with `stop_after_pages` > 0 it fires once that many pages
  //! committed, the way a daemon shutdown lands between two pages.
  mltrend::Status RunSource(mltrend::Source& source, const mltrend::ConfigValues& config, bool cancelled = false,
                            uint64_t stop_after_pages = 0);

  std::string Checkpoint();
  std::optional<std::string> State(std::string_view key);
  //! Commits source-state values as a page with no records would.
  void SeedState(const mltrendd::SourceStateChanges& changes);
  mltrend::SourceProgress Progress();
  uint64_t Count() { return store_->RecordCount(name_); }
  std::optional<mltrend::Record> Find(const std::string& id);
  //! The stored record `id`; REQUIREs that there is one.
  mltrend::Record Get(const std::string& id);
  //! Every stored record of this source.
  std::vector<mltrend::Record> Records();

 private:
  std::string name_;
  TempDir dir_;
  std::unique_ptr<mltrendd::Store> store_;
  ReplayServer server_;
  CaptureLogger log_;
  mltrendd::SourceRunCounters counters_;
};

}  // namespace mltrend_test
