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
#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/runtime/source_instance.hpp"
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
  //! systemd notify protocol when NOTIFY_SOCKET is set.
  mltrend::Status Serve();

  //! Store::Verify over the loaded store: a readable report, and a non-ok
  //! Status when anything is damaged.
  mltrend::Status Verify(std::string& report) { return store_->Verify(report); }

  const Config& Configuration() const { return config_; }

 private:
  HttpClientOptions HttpOptions() const;

  Config config_;
  PluginRegistry plugins_;
  std::unique_ptr<Store> store_;
  std::vector<std::unique_ptr<SourceInstance>> sources_;
  std::vector<std::unique_ptr<SinkInstance>> sinks_;
};

}  // namespace mltrendd
