//===----------------------------------------------------------------------===//
// mltrendd — runtime/plugin_guard.hpp
//===----------------------------------------------------------------------===//
// Crash-loop protection for in-process plugins (docs/DESIGN.md, "A plugin
// that kills the daemon"). Plugins run in the daemon's process, so a segfault
// in one takes the daemon down and systemd restarts it, into the same crash.
// Before each source run and sink fold the guard writes, synced, which
// instance the daemon is entering; a fatal signal on that thread is recorded
// by a signal handler; the next start charges that instance one death, and
// after `quarantine_after` deaths in a row the instance is not started again
// until `mltrend unquarantine NAME` or a change to its table.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "mltrend/log.hpp"
#include "mltrend/status.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! The guard's name of an instance: "source.hf", "sink.trends" (sources and
//! sinks are named apart, so one name may be both).
std::string GuardKey(std::string_view kind, std::string_view name);
//! A digest of everything in an instance's table; a change clears its deaths.
std::string Fingerprint(const SourceConfig& config);
std::string Fingerprint(const SinkConfig& config);

//! What the guard knows of one instance, for /v1/sources, status and metrics.
struct GuardState {
  int deaths = 0;          //!< consecutive daemon deaths inside it
  std::string last_death;  //!< e.g. "signal 11 (SIGSEGV) in its run"
  std::string quarantine;  //!< why it is not started; "" when it is not quarantined
};

class PluginGuard {
 public:
  //! `quarantine_after` = 0 counts deaths but never quarantines.
  PluginGuard(Store& store, int64_t quarantine_after) : store_(store), quarantine_after_(quarantine_after) {}

  //! Once, at start, before any plugin runs: reads what the previous daemon
  //! left (its fault record in `state_dir`, each of `keys`' "entered" mark),
  //! charges a death to the instance a fatal signal hit, clears the marks,
  //! and installs the fatal-signal handlers for this life.
  mltrend::Status Recover(const std::filesystem::path& state_dir, const std::vector<std::string>& keys);
  //! An instance is (re)created from its table: when `fingerprint` differs
  //! from the one its deaths were counted under, they are cleared. Logs at
  //! error level when the instance is quarantined.
  void Register(const std::string& key, const std::string& kind_and_name, const std::string& fingerprint);

  //! Before a run or fold: the synced mark, and this thread's name for the
  //! signal handler. Fails only when the store cannot write (the caller
  //! runs anyway: the guard must not stop a daemon that works).
  mltrend::Status Enter(const std::string& key);
  //! After it returned, whatever its status: the mark and the deaths go.
  void Leave(const std::string& key);
  //! The instances entered and not yet left (a hang at stop names them).
  std::vector<std::string> Inside() const;
  //! A run or fold that did not return within shutdown_grace, and the
  //! daemon exits without it: one death, written synced before _Exit.
  void ChargeHang(const std::string& key, std::chrono::milliseconds grace);
  //! `mltrend unquarantine`: deaths and quarantine cleared. NotFound when
  //! `key` is not registered.
  mltrend::Status Clear(const std::string& key);

  GuardState State(const std::string& key) const;
  bool Quarantined(const std::string& key) const { return !State(key).quarantine.empty(); }

 private:
  struct Record {
    bool entered = false;
    int deaths = 0;
    std::string fingerprint;
    std::string last_death;
  };
  mltrend::Status Load(const std::string& key, Record& out);
  mltrend::Status Save(const std::string& key, const Record& r, bool synced);
  void Publish(const std::string& key, const Record& r);  //!< mutex_ held

  Store& store_;
  const int64_t quarantine_after_;
  mutable std::mutex mutex_;
  std::map<std::string, Record> records_;       //!< last saved, by key
  std::map<std::string, std::string> names_;   //!< key -> "source hf", for messages
  std::map<std::string, GuardState> states_;
  std::multiset<std::string> inside_;
};

//! A source run or a sink fold inside the guard: Enter on construction,
//! Leave on destruction, nothing at all when `guard` is null. A mark the
//! store cannot write is logged as a warning naming `what` ("run", "fold"),
//! and the run goes on: the guard must not stop a daemon that works.
class GuardScope {
 public:
  GuardScope(PluginGuard* guard, const std::string& key, mltrend::Logger& log, const char* what);
  ~GuardScope();
  GuardScope(const GuardScope&) = delete;
  GuardScope& operator=(const GuardScope&) = delete;

 private:
  PluginGuard* guard_;
  const std::string& key_;
};

// ---- the fatal-signal record (runtime/fatal_signal.cpp) ---------------------

//! Opens (creating) `file`, reads what a previous process's handler wrote
//! there ("source.hf 11"), empties it and installs handlers for SIGSEGV,
//! SIGBUS, SIGILL, SIGFPE and SIGABRT that write this thread's instance to
//! it, then die of the same signal (exit status and core dump unchanged).
mltrend::Status InstallFatalSignalRecord(const std::filesystem::path& file, std::string& previous);
//! The instance this thread is inside ("" when none), for the handler.
void SetThreadInstance(const std::string& key);
//! "SIGSEGV" for 11, ...; "signal N" for others.
std::string SignalName(int signo);

}  // namespace mltrendd
