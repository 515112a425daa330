//===----------------------------------------------------------------------===//
// mltrendd — plugin/plugin_loader.cpp
//===----------------------------------------------------------------------===//
// LoadPlugin: one check after another, each refusing with one sentence that
// names the file and what mismatched (DuckDB's extension loading). No plugin
// function runs until the exported ABI version has matched ours.

#include <dlfcn.h>

#include <cstring>
#include <string>

#include <boost/dll/shared_library.hpp>

#include "file_trust.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"

namespace mltrendd {
namespace {

namespace fs = std::filesystem;
using mltrend::PluginDescriptor;
using mltrend::PluginKind;
using mltrend::Status;

constexpr const char* kAbiSymbol = "mltrend_abi_version";
constexpr const char* kSdkSymbol = "mltrend_sdk_version";
constexpr const char* kDescriptorSymbol = "mltrend_plugin";
//! An SDK version string is short; a longer one means a corrupt export.
constexpr size_t kMaxSdkVersionChars = 64;

//! Deletes a plugin-made object with the plugin's own destructor, then lets
//! go of the library: the code of that destructor must still be mapped.
template <typename T>
struct KeepLoadedDeleter {
  std::shared_ptr<boost::dll::shared_library> library;
  void operator()(T* object) {
    delete object;
    library.reset();
  }
};

std::string PluginSdkVersion(const boost::dll::shared_library& library) {
  if (!library.has(kSdkSymbol)) return "unknown";
  const char* text = &library.get<const char>(kSdkSymbol);
  const size_t length = ::strnlen(text, kMaxSdkVersionChars);
  if (length == kMaxSdkVersionChars) return "unknown";
  return std::string(text, length);
}

Status CheckAbi(const fs::path& file, const boost::dll::shared_library& library) {
  if (!library.has(kAbiSymbol)) {
    return Status::Invalid("plugin " + file.string() + " does not export " + kAbiSymbol +
                           ": it was not built with the mltrend SDK's MLTREND_REGISTER_SOURCE or "
                           "MLTREND_REGISTER_SINK");
  }
  const int abi = library.get<const int>(kAbiSymbol);
  if (abi != MLTREND_ABI_VERSION) {
    return Status::Invalid("plugin " + file.string() + " was built for plugin ABI " + std::to_string(abi) + " (SDK " +
                           PluginSdkVersion(library) + "), this mltrendd speaks ABI " +
                           std::to_string(MLTREND_ABI_VERSION) + " (SDK " MLTREND_SDK_VERSION
                           "): rebuild it against this mltrend SDK");
  }
  return Status::Ok();
}

Status CheckKeys(const fs::path& file, const PluginDescriptor& d) {
  if (d.key_count > 0 && !d.keys) {
    return Status::Invalid("plugin " + file.string() + " declares " + std::to_string(d.key_count) +
                           " config keys but no key table");
  }
  for (size_t i = 0; i < d.key_count; ++i) {
    const mltrend::ConfigKey& key = d.keys[i];
    if (!key.name || !*key.name) {
      return Status::Invalid("plugin " + file.string() + " declares config key #" + std::to_string(i + 1) +
                             " without a name");
    }
    if (key.type < mltrend::ConfigType::kString || key.type > mltrend::ConfigType::kPath) {
      return Status::Invalid("plugin " + file.string() + " declares config key '" + key.name +
                             "' with an unknown type " + std::to_string(static_cast<int>(key.type)));
    }
  }
  return Status::Ok();
}

Status CheckDescriptor(const fs::path& file, const PluginDescriptor* d) {
  if (!d) return Status::Invalid("plugin " + file.string() + " returned no descriptor from " + kDescriptorSymbol);
  if (!d->name || !*d->name) return Status::Invalid("plugin " + file.string() + " declares an empty plugin name");
  const std::string named = "plugin " + file.string() + " ('" + d->name + "')";
  switch (d->kind) {
    case PluginKind::kSource:
      if (!d->create_source) return Status::Invalid(named + " is a source plugin without a source factory");
      break;
    case PluginKind::kSink:
      if (!d->create_sink) return Status::Invalid(named + " is a sink plugin without a sink factory");
      break;
    default:
      return Status::Invalid(named + " declares an unknown plugin kind " +
                             std::to_string(static_cast<int>(d->kind)));
  }
  return CheckKeys(file, *d);
}

}  // namespace

Status LoadPlugin(const fs::path& file, std::shared_ptr<LoadedPlugin>& out) {
  fs::path resolved;
  if (Status s = plugin_detail::CheckTrustedFile(file, resolved); !s.ok()) return s;

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  // rtld_now: an unresolved symbol is a load error here, not a crash later;
  // rtld_local: one plugin's symbols never satisfy another's.
  library->load(boost::dll::fs::path(resolved.string()),
                boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec || !library->is_loaded()) {
    const char* why = ::dlerror();
    return Status::Invalid("plugin " + file.string() + " cannot be loaded: " + (why ? why : ec.message()));
  }
  if (Status s = CheckAbi(file, *library); !s.ok()) return s;

  if (!library->has(kDescriptorSymbol)) {
    return Status::Invalid("plugin " + file.string() + " exports no " + kDescriptorSymbol +
                           " descriptor: register it with MLTREND_REGISTER_SOURCE or MLTREND_REGISTER_SINK");
  }
  const PluginDescriptor* descriptor = nullptr;
  try {
    descriptor = library->get_alias<const PluginDescriptor*()>(kDescriptorSymbol)();
  } catch (const std::exception& e) {
    return Status::Invalid("plugin " + file.string() + " threw from its descriptor: " + e.what());
  } catch (...) {
    return Status::Invalid("plugin " + file.string() + " threw from its descriptor");
  }
  if (Status s = CheckDescriptor(file, descriptor); !s.ok()) return s;

  auto plugin = std::make_shared<LoadedPlugin>();
  plugin->library_ = std::move(library);
  plugin->descriptor_ = descriptor;
  plugin->file_ = file;
  out = std::move(plugin);
  return Status::Ok();
}

std::shared_ptr<mltrend::Source> LoadedPlugin::CreateSource() const {
  if (!descriptor_ || descriptor_->kind != PluginKind::kSource || !descriptor_->create_source) return nullptr;
  mltrend::Source* object = nullptr;
  try {
    object = descriptor_->create_source();
  } catch (...) {
    // A constructor that throws is the plugin's bug; the caller reports null.
    return nullptr;
  }
  if (!object) return nullptr;
  return std::shared_ptr<mltrend::Source>(object, KeepLoadedDeleter<mltrend::Source>{library_});
}

std::shared_ptr<mltrend::Sink> LoadedPlugin::CreateSink() const {
  if (!descriptor_ || descriptor_->kind != PluginKind::kSink || !descriptor_->create_sink) return nullptr;
  mltrend::Sink* object = nullptr;
  try {
    object = descriptor_->create_sink();
  } catch (...) {
    return nullptr;
  }
  if (!object) return nullptr;
  return std::shared_ptr<mltrend::Sink>(object, KeepLoadedDeleter<mltrend::Sink>{library_});
}

}  // namespace mltrendd
