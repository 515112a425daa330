//===----------------------------------------------------------------------===//
// mltrendd — plugin/plugin_lookup.cpp
//===----------------------------------------------------------------------===//

#include "mltrendd/plugin/plugin_lookup.hpp"

#include <memory>
#include <optional>

namespace mltrendd {
namespace {

//! What one lookup remembers between calls: which directory the registry
//! holds and whether it could be read.
struct LookupState {
  std::optional<std::filesystem::path> loaded_dir;
  mltrend::Status dir_status;
};

std::string Available(const PluginRegistry& registry) {
  std::string names;
  for (const auto& plugin : registry.Plugins()) {
    names += (names.empty() ? "" : ", ") + std::string(plugin->Descriptor().name);
  }
  return names.empty() ? "it holds no loadable plugin" : "it provides " + names;
}

}  // namespace

PluginLookup MakePluginLookup(PluginRegistry& registry) {
  auto state = std::make_shared<LookupState>();
  return [&registry, state](const DaemonSettings& daemon, const std::string& name,
                            std::string& why) -> const mltrend::PluginDescriptor* {
    const std::filesystem::path dir = daemon.plugin_dir.empty() ? DefaultPluginDir() : daemon.plugin_dir;
    if (state->loaded_dir != dir) {
      state->dir_status = registry.LoadDirectory(dir);
      state->loaded_dir = dir;
    }
    if (!state->dir_status.ok()) {
      why = state->dir_status.message();
      return nullptr;
    }
    if (std::shared_ptr<LoadedPlugin> plugin = registry.Find(name)) return &plugin->Descriptor();
    for (const PluginRegistry::Refusal& refusal : registry.Refusals()) {
      if (refusal.file.filename() == "libmltrend_" + name + ".so") {
        why = refusal.reason;
        return nullptr;
      }
    }
    why = "no plugin in " + dir.string() + " is named '" + name + "' (" + Available(registry) + ")";
    return nullptr;
  };
}

}  // namespace mltrendd
