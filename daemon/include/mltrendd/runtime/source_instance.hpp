//===----------------------------------------------------------------------===//
// mltrendd — runtime/source_instance.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "mltrend/cancel.hpp"
#include "mltrend/log.hpp"
#include "mltrend/source.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrendd/http/http_client.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/runtime/plugin_guard.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! kQuarantined: not started, see PluginGuard.
enum class SourceState { kScheduled, kRunning, kBackoff, kStopped, kQuarantined };
const char* SourceStateName(SourceState state);

using SystemTime = std::chrono::system_clock::time_point;

//! What /v1/sources shows about a source between and during runs.
struct SourceStatus {
  SourceState state = SourceState::kScheduled;
  SystemTime last_start{};
  SystemTime last_end{};
  SystemTime last_success{};
  SystemTime next_run{};
  bool last_ok = false;
  std::string last_error;
  int consecutive_failures = 0;
  uint64_t runs = 0;
  uint64_t failures = 0;
  //! The server's requested wait from the last failed run, if any.
  std::optional<std::chrono::seconds> retry_after;
};

//! One configured `[[source]]`: its plugin object, logger, live counters and
//! status. Runs are serialised per instance by the scheduler.
class SourceInstance {
 public:
  //! `guard` (optional, outliving the instance) marks each run and may
  //! have quarantined this instance.
  SourceInstance(SourceConfig config, std::shared_ptr<LoadedPlugin> plugin, PluginGuard* guard = nullptr);

  const SourceConfig& Config() const { return config_; }
  //! Whether the created plugin object exists (its factory may fail).
  bool Valid() const { return source_ != nullptr; }
  const LoadedPlugin& Plugin() const { return *plugin_; }
  SourceRunCounters& Counters() { return counters_; }
  SourceStatus Status() const;
  void SetScheduled(SystemTime next_run, SourceState state);

  //! Runs the plugin once against `store`, blocking; never throws (a plugin
  //! exception becomes an Internal status). Persists run times in the store.
  mltrend::Status RunOnce(Store& store, const HttpClientOptions& http_options);
  //! Cancels the run in progress, if any (its current page is abandoned).
  void CancelRun();
  //! Restores last run times persisted by an earlier daemon.
  void LoadPersistedStatus(Store& store);
  //! Deaths inside this instance and its quarantine (PluginGuard).
  GuardState GuardStatus() const { return guard_ ? guard_->State(guard_key_) : GuardState{}; }
  bool Quarantined() const { return guard_ && guard_->Quarantined(guard_key_); }
  const std::string& GuardKey() const { return guard_key_; }

 private:
  void PersistStatus(Store& store);

  SourceConfig config_;
  std::shared_ptr<LoadedPlugin> plugin_;
  std::shared_ptr<mltrend::Source> source_;
  std::unique_ptr<mltrend::Logger> log_;
  SourceRunCounters counters_;
  PluginGuard* guard_ = nullptr;
  std::string guard_key_;

  mutable std::mutex mutex_;  //!< guards status_ and cancel_
  SourceStatus status_;
  std::shared_ptr<mltrend::CancelToken> cancel_;
};

//! ISO-8601 UTC with seconds ("2026-11-24T20:06:33Z"); "" for the epoch.
std::string FormatTime(SystemTime t);

}  // namespace mltrendd
