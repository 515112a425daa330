//===----------------------------------------------------------------------===//
// mltrendd — plugin/plugin_loader.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mltrend/plugin.hpp"
#include "mltrend/status.hpp"

namespace boost::dll {
class shared_library;
}

namespace mltrendd {

//! A plugin library that passed every check and stays loaded while this
//! object (or any object it created) lives.
class LoadedPlugin {
 public:
  const mltrend::PluginDescriptor& Descriptor() const { return *descriptor_; }
  const std::filesystem::path& File() const { return file_; }

  //! Objects made by the plugin's own factory; destroying them runs the
  //! plugin's own destructor, and each keeps the library loaded.
  std::shared_ptr<mltrend::Source> CreateSource() const;
  std::shared_ptr<mltrend::Sink> CreateSink() const;

 private:
  friend mltrend::Status LoadPlugin(const std::filesystem::path&, std::shared_ptr<LoadedPlugin>&);
  std::shared_ptr<boost::dll::shared_library> library_;
  const mltrend::PluginDescriptor* descriptor_ = nullptr;
  std::filesystem::path file_;
};

//! Loads one plugin file. In this order, stopping at the first failure with
//! one sentence naming the file and what mismatched (DuckDB's extension
//! checks): the file (and its directory) must not be world-writable; the
//! library must export `mltrend_abi_version` equal to MLTREND_ABI_VERSION
//! ("built for plugin ABI 2, this mltrendd speaks ABI 1") — read before any
//! plugin code runs; then the `mltrend_plugin` descriptor must be present
//! and well-formed (name, kind, matching factory).
mltrend::Status LoadPlugin(const std::filesystem::path& file, std::shared_ptr<LoadedPlugin>& out);

//! Every `libmltrend_*.so` in a directory, loaded independently: one bad
//! plugin is reported and skipped, the others load.
class PluginRegistry {
 public:
  struct Refusal {
    std::filesystem::path file;
    std::string reason;
  };
  //! Loads the directory; fails only when the directory itself is unusable.
  mltrend::Status LoadDirectory(const std::filesystem::path& dir);
  //! The plugin whose descriptor name is `name`, or nullptr.
  std::shared_ptr<LoadedPlugin> Find(const std::string& name) const;
  const std::vector<std::shared_ptr<LoadedPlugin>>& Plugins() const { return plugins_; }
  const std::vector<Refusal>& Refusals() const { return refusals_; }

 private:
  std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
  std::vector<Refusal> refusals_;
};

//! The default plugin directory: `<dir of this executable>/../lib/mltrend/plugins`.
std::filesystem::path DefaultPluginDir();

}  // namespace mltrendd
