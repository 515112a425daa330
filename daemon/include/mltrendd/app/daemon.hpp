//===----------------------------------------------------------------------===//
// mltrendd — app/daemon.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mltrendd/config/config.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrendd/runtime/plugin_guard.hpp"
#include "mltrendd/runtime/scheduler.hpp"
#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/server/api.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! Loads a config file with plugin lookups served by a PluginRegistry that
//! is filled lazily from the config's plugin_dir (or the default one).
mltrend::Status LoadConfigWithPlugins(const std::filesystem::path& file, PluginRegistry& registry, Config& out);

//! The whole daemon: config, plugins, store, source and sink instances.
//! `mltrendd --once` calls RunOnce; the service calls Serve.
class Daemon {
 public:
  //! Loads and validates everything; nothing is started. Errors name the
  //! config file, line and key (config) or the state dir (store).
  mltrend::Status Load(const std::filesystem::path& config_file);
  //! Every source once (in config order), then every sink; the first
  //! failure does not stop the others. Ok only when all succeeded.
  mltrend::Status RunOnce();
  //! Runs until SIGINT/SIGTERM: scheduler, sinks, the query socket, and the
  //! systemd notify protocol when NOTIFY_SOCKET is set (READY, STATUS,
  //! WATCHDOG at half of WATCHDOG_USEC, RELOADING around a reload, STOPPING).
  //! SIGHUP reloads the config (see Reload).
  mltrend::Status Serve();
  //! Re-reads the config file. An invalid file, or one that changes a key
  //! that needs a restart (state_dir, socket, plugin_dir, sync_writes,
  //! quarantine_after), is
  //! refused: the running config stays, and the error is kept for
  //! /v1/status. Otherwise the difference is applied: unchanged sources
  //! keep their schedule and any run in flight; removed ones are cancelled
  //! after their current page; added ones are scheduled; sinks are replaced
  //! when their table or the set of sources changed. Event loop only.
  mltrend::Status Reload();

  //! Store::Verify over the loaded store, then each configured sink's stored
  //! aggregates against a full recompute (app/verify_sinks.hpp): a readable
  //! report, and a non-ok Status when anything is damaged.
  mltrend::Status Verify(std::string& report);

  //! `mltrend unquarantine` (POST /v1/sources/NAME/unquarantine, kind
  //! "source", or /v1/sinks/..., kind "sink"): clears the instance's deaths
  //! and quarantine and starts it (a source is armed, a sink folds). Event
  //! loop only. NotFound when no such instance is configured.
  mltrend::Status Unquarantine(std::string_view kind, const std::string& name);

  const Config& Configuration() const { return config_; }

 private:
  HttpClientOptions HttpOptions() const;
  mltrend::Status MakeSource(const SourceConfig& config, std::unique_ptr<SourceInstance>& out);
  mltrend::Status MakeSink(const SinkConfig& config, const std::vector<std::string>& source_names,
                           std::unique_ptr<SinkInstance>& out);
  mltrend::Status ApplyReload(Config next);
  //! Creates the plugin guard and charges what the previous daemon died in (app/quarantine.cpp).
  mltrend::Status RecoverGuard();
  //! Runs or folds still busy after shutdown_grace: logged by name and
  //! each counted as a death of its instance, before the daemon exits anyway.
  void ChargeHangs();

  Config config_;
  PluginRegistry plugins_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PluginGuard> guard_;  //!< after store_: it writes there
  std::vector<std::unique_ptr<SourceInstance>> sources_;
  std::vector<std::unique_ptr<SinkInstance>> sinks_;
  std::filesystem::path config_file_;
  ReloadState reload_;
  Scheduler* scheduler_ = nullptr;  //!< while Serve runs
};

}  // namespace mltrendd
