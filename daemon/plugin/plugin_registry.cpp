//===----------------------------------------------------------------------===//
// mltrendd — plugin/plugin_registry.cpp
//===----------------------------------------------------------------------===//

#include <algorithm>

#include "mltrendd/plugin/plugin_loader.hpp"

namespace mltrendd {
namespace {

namespace fs = std::filesystem;
using mltrend::Status;

bool IsPluginFileName(const std::string& name) {
  constexpr std::string_view kPrefix = "libmltrend_";
  constexpr std::string_view kSuffix = ".so";
  return name.size() > kPrefix.size() + kSuffix.size() && name.starts_with(kPrefix) && name.ends_with(kSuffix);
}

}  // namespace

Status PluginRegistry::LoadDirectory(const fs::path& dir) {
  plugins_.clear();
  refusals_.clear();
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) return Status::NotFound("plugin directory " + dir.string() + " does not exist");
  if (!fs::is_directory(status)) return Status::Invalid("plugin directory " + dir.string() + " is not a directory");

  std::vector<fs::path> files;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (IsPluginFileName(it->path().filename().string())) files.push_back(it->path());
  }
  if (ec) return Status::IoError("cannot list plugin directory " + dir.string() + ": " + ec.message());
  // Sorted, so which of two same-named plugins wins does not depend on the
  // order the file system lists them in.
  std::sort(files.begin(), files.end());

  for (const fs::path& file : files) {
    std::shared_ptr<LoadedPlugin> plugin;
    if (Status s = LoadPlugin(file, plugin); !s.ok()) {
      refusals_.push_back({file, s.message()});
      continue;
    }
    const std::string name = plugin->Descriptor().name;
    if (std::shared_ptr<LoadedPlugin> first = Find(name)) {
      refusals_.push_back({file, "plugin " + file.string() + " declares the plugin name '" + name +
                                     "', which " + first->File().string() + " already provides"});
      continue;
    }
    plugins_.push_back(std::move(plugin));
  }
  return Status::Ok();
}

std::shared_ptr<LoadedPlugin> PluginRegistry::Find(const std::string& name) const {
  for (const std::shared_ptr<LoadedPlugin>& plugin : plugins_) {
    if (name == plugin->Descriptor().name) return plugin;
  }
  return nullptr;
}

std::filesystem::path DefaultPluginDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  // Without /proc there is no way to find "beside the executable"; the
  // install location is the best remaining guess.
  if (ec) return fs::path(MLTREND_PLUGIN_INSTALL_DIR);
  const fs::path dir = exe.parent_path() / ".." / MLTREND_PLUGIN_SUBDIR;
  const fs::path canonical = fs::weakly_canonical(dir, ec);
  return ec ? dir.lexically_normal() : canonical;
}

}  // namespace mltrendd
