#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "mltrend/abi.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "plugin_test_support.hpp"

using mltrendd::LoadedPlugin;
using mltrendd::LoadPlugin;
using plugin_test::PluginDir;
namespace fs = std::filesystem;

TEST_CASE("a good source plugin loads, shows its descriptor and creates sources") {
  PluginDir dir;
  const fs::path file = dir.Copy("test_source");
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(file, plugin);
  REQUIRE(status.ok());
  REQUIRE(plugin);
  CHECK(plugin->File() == file);

  const mltrend::PluginDescriptor& d = plugin->Descriptor();
  CHECK(d.kind == mltrend::PluginKind::kSource);
  CHECK(std::string(d.name) == "test_source");
  CHECK(std::string(d.version) == "1.2.3");
  CHECK(std::string(d.sdk_version) == MLTREND_SDK_VERSION);
  REQUIRE(d.key_count == 2);
  CHECK(std::string(d.keys[0].name) == "base_url");
  CHECK(std::string(d.keys[1].name) == "page_size");
  CHECK(d.keys[1].type == mltrend::ConfigType::kInt);
  CHECK(std::string(d.keys[1].default_value) == "100");

  std::shared_ptr<mltrend::Source> source = plugin->CreateSource();
  CHECK(source);
  CHECK_FALSE(plugin->CreateSink());
}

TEST_CASE("a plugin's static Validate becomes its descriptor's validate hook") {
  PluginDir dir;
  std::shared_ptr<LoadedPlugin> source;
  REQUIRE(LoadPlugin(dir.Copy("test_source"), source).ok());
  const mltrend::PluginDescriptor& d = source->Descriptor();
  REQUIRE(d.validate);
  mltrend::ConfigValues values;
  values.Set("base_url", std::string("http://127.0.0.1:1"));
  values.Set("page_size", int64_t{100});
  std::string bad_key;
  CHECK(d.validate(values, bad_key).ok());
  CHECK(bad_key.empty());
  values.Set("page_size", int64_t{-3});
  mltrend::Status refused = d.validate(values, bad_key);
  CHECK(refused.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(refused.message() == "must be at least 1, got -3");
  CHECK(bad_key == "page_size");

  // A plugin class without Validate leaves the hook empty.
  std::shared_ptr<LoadedPlugin> sink;
  REQUIRE(LoadPlugin(dir.Copy("test_sink"), sink).ok());
  CHECK_FALSE(sink->Descriptor().validate);
}

TEST_CASE("plugin objects are destroyed by the plugin and keep its library loaded") {
  PluginDir dir;
  const fs::path file = dir.Copy("test_sink");
  std::shared_ptr<LoadedPlugin> plugin;
  REQUIRE(LoadPlugin(file, plugin).ok());
  CHECK(plugin->Descriptor().kind == mltrend::PluginKind::kSink);
  CHECK(plugin->Descriptor().key_count == 1);
  CHECK_FALSE(plugin->CreateSource());

  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(handle);
  const int* live = static_cast<const int*>(::dlsym(handle, "mltrend_test_live_sinks"));
  ::dlclose(handle);
  REQUIRE(live);
  CHECK(*live == 0);

  std::shared_ptr<mltrend::Sink> sink = plugin->CreateSink();
  REQUIRE(sink);
  std::shared_ptr<mltrend::Sink> other = plugin->CreateSink();
  CHECK(*live == 2);
  other.reset();
  CHECK(*live == 1);  // the plugin's own destructor ran

  plugin.reset();
  REQUIRE(plugin_test::IsLoaded(file));  // only `sink` holds the library now
  CHECK(sink->Routes() == std::vector<std::string>{"/v1/test"});
  CHECK(*live == 1);
  sink.reset();
  CHECK_FALSE(plugin_test::IsLoaded(file));
}

TEST_CASE("a plugin built for another ABI is refused naming both versions") {
  PluginDir dir;
  const fs::path file = dir.Copy("test_abi999");
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(file, plugin);
  REQUIRE_FALSE(status.ok());
  CHECK_FALSE(plugin);
  CHECK(status.message() == "plugin " + file.string() +
                                " was built for plugin ABI 999 (SDK " MLTREND_SDK_VERSION "), this mltrendd speaks ABI " +
                                std::to_string(MLTREND_ABI_VERSION) + " (SDK " MLTREND_SDK_VERSION "): "
                                "rebuild it against this mltrend SDK");
  CHECK_FALSE(plugin_test::IsLoaded(file));  // refused libraries are unloaded again
}

TEST_CASE("a world-writable plugin file is refused") {
  PluginDir dir;
  const fs::path file = dir.Copy("test_source");
  fs::permissions(file, fs::perms::others_write, fs::perm_options::add);
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(file, plugin);
  CHECK(status.message() == "plugin " + file.string() + " is world-writable (mode 0757): refusing to load it");
  CHECK_FALSE(plugin_test::IsLoaded(file));  // refused before dlopen
}

TEST_CASE("a plugin in a world-writable directory is refused") {
  PluginDir dir;
  const fs::path file = dir.Copy("test_source");
  fs::permissions(dir.path(), fs::perms::all, fs::perm_options::replace);
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(file, plugin);
  CHECK(status.message() == "plugin " + file.string() + " is in directory " + dir.path().string() +
                                ", which is world-writable (mode 0777): refusing to load it");
}

TEST_CASE("a symlink in a world-writable directory is refused even if its target is safe") {
  PluginDir safe;
  PluginDir open;
  const fs::path target = safe.Copy("test_source");
  const fs::path link = open.path() / "libmltrend_test_source.so";
  fs::create_symlink(target, link);
  fs::permissions(open.path(), fs::perms::all, fs::perm_options::replace);
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(link, plugin);
  CHECK(status.message() == "plugin " + link.string() + " is in directory " + open.path().string() +
                                ", which is world-writable (mode 0777): refusing to load it");
}

TEST_CASE("a plugin owned by another user is refused") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a file to another user, the ownership refusal is not exercised");
    return;
  }
  PluginDir dir;
  const fs::path file = dir.Copy("test_source");
  REQUIRE(::chown(file.c_str(), 4242, 4242) == 0);
  std::shared_ptr<LoadedPlugin> plugin;
  mltrend::Status status = LoadPlugin(file, plugin);
  CHECK(status.message() == "plugin " + file.string() +
                                " is owned by uid 4242, neither root nor mltrendd's uid 0: refusing to load it");
}

TEST_CASE("libraries that are not complete mltrend plugins are refused, each saying what is missing") {
  PluginDir dir;
  std::shared_ptr<LoadedPlugin> plugin;

  const fs::path no_descriptor = dir.Copy("test_no_descriptor");
  CHECK(LoadPlugin(no_descriptor, plugin).message() ==
        "plugin " + no_descriptor.string() +
            " exports no mltrend_plugin descriptor: register it with MLTREND_REGISTER_SOURCE or MLTREND_REGISTER_SINK");

  const fs::path not_sdk = dir.Copy("test_not_sdk");
  CHECK(LoadPlugin(not_sdk, plugin).message() ==
        "plugin " + not_sdk.string() +
            " does not export mltrend_abi_version: it was not built with the mltrend SDK's MLTREND_REGISTER_SOURCE "
            "or MLTREND_REGISTER_SINK");

  const fs::path nameless = dir.Copy("test_empty_name");
  CHECK(LoadPlugin(nameless, plugin).message() == "plugin " + nameless.string() + " declares an empty plugin name");

  const fs::path text = dir.path() / "libmltrend_text.so";
  mltrend_test::WriteFile(text, "not an ELF file\n");
  mltrend::Status garbage = LoadPlugin(text, plugin);
  CHECK(garbage.message().rfind("plugin " + text.string() + " cannot be loaded: ", 0) == 0);

  const fs::path absent = dir.path() / "libmltrend_absent.so";
  mltrend::Status missing = LoadPlugin(absent, plugin);
  CHECK(missing.code() == mltrend::StatusCode::kNotFound);
  CHECK(missing.message() == "plugin " + absent.string() + " cannot be opened: No such file or directory");
  CHECK_FALSE(plugin);
}
