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
  //! plugin's own destructor, and each keeps the library loaded (so they may
  //! outlive this LoadedPlugin and its registry). nullptr when the plugin is
  //! of the other kind, or its factory returned null or threw.
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
//! checks): the file must exist and be a regular file; the file and its
//! directory (that of a symlink too) must not be world-writable and must be
//! owned by root or the daemon's effective uid; the library must dlopen
//! (RTLD_NOW | RTLD_LOCAL); it must export `mltrend_abi_version` equal to
//! MLTREND_ABI_VERSION ("was built for plugin ABI 2 (SDK 0.2.0), this
//! mltrendd speaks ABI 3 (SDK 0.2.0): rebuild it against this mltrend SDK"),
//! read before any plugin function is called; then the `mltrend_plugin`
//! descriptor must be present and well-formed (non-empty name, known kind,
//! the factory of that kind, named and typed keys). Never throws. On failure
//! `out` is untouched and the library is unloaded again.
mltrend::Status LoadPlugin(const std::filesystem::path& file, std::shared_ptr<LoadedPlugin>& out);

//! Every `libmltrend_*.so` in a directory, loaded independently: one bad
//! plugin is reported and skipped, the others load.
class PluginRegistry {
 public:
  struct Refusal {
    std::filesystem::path file;
    std::string reason;
  };
  //! Loads the directory, replacing what the registry held; fails only when
  //! the directory itself is unusable. Files are tried in name order; a file
  //! declaring a plugin name an earlier file already provides is refused.
  mltrend::Status LoadDirectory(const std::filesystem::path& dir);
  //! The plugin whose descriptor name is `name`, or nullptr.
  std::shared_ptr<LoadedPlugin> Find(const std::string& name) const;
  const std::vector<std::shared_ptr<LoadedPlugin>>& Plugins() const { return plugins_; }
  const std::vector<Refusal>& Refusals() const { return refusals_; }

 private:
  std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
  std::vector<Refusal> refusals_;
};

//! The default plugin directory: `<dir of this executable>/../lib/mltrend/plugins`
//! (MLTREND_PLUGIN_SUBDIR), canonicalised as far as it exists.
std::filesystem::path DefaultPluginDir();

}  // namespace mltrendd
