#include <catch2/catch.hpp>

#include "mltrendd/plugin/plugin_lookup.hpp"
#include "plugin_test_support.hpp"

using mltrendd::PluginRegistry;
using plugin_test::PluginDir;
namespace fs = std::filesystem;

namespace {

//! Every test plugin, plus a second copy of test_source sorted after it.
void FillWithGoodAndBad(const PluginDir& dir) {
  for (const char* name :
       {"test_source", "test_sink", "test_abi999", "test_no_descriptor", "test_empty_name", "test_not_sdk"}) {
    dir.Copy(name);
  }
  dir.Copy("test_source", "libmltrend_zz_copy.so");
  mltrend_test::WriteFile(dir.path() / "README.txt", "not a plugin, not even looked at\n");
  dir.Copy("test_source", "libother.so");  // wrong prefix: ignored
}

std::vector<std::string> Names(const PluginRegistry& registry) {
  std::vector<std::string> names;
  for (const auto& plugin : registry.Plugins()) names.emplace_back(plugin->Descriptor().name);
  return names;
}

}  // namespace

TEST_CASE("a registry loads the good plugins of a directory and lists the refused ones") {
  PluginDir dir;
  FillWithGoodAndBad(dir);
  PluginRegistry registry;
  REQUIRE(registry.LoadDirectory(dir.path()).ok());

  CHECK(Names(registry) == std::vector<std::string>{"test_sink", "test_source"});
  REQUIRE(registry.Find("test_source"));
  CHECK(registry.Find("test_source")->File() == dir.path() / "libmltrend_test_source.so");
  CHECK(registry.Find("test_source")->CreateSource());
  CHECK_FALSE(registry.Find("test_future"));

  const auto& refusals = registry.Refusals();
  REQUIRE(refusals.size() == 5);
  CHECK(refusals[0].file == dir.path() / "libmltrend_test_abi999.so");
  CHECK(refusals[0].reason.find("built for plugin ABI 999") != std::string::npos);
  CHECK(refusals[1].file == dir.path() / "libmltrend_test_empty_name.so");
  CHECK(refusals[2].file == dir.path() / "libmltrend_test_no_descriptor.so");
  CHECK(refusals[3].file == dir.path() / "libmltrend_test_not_sdk.so");
  CHECK(refusals[4].file == dir.path() / "libmltrend_zz_copy.so");
  CHECK(refusals[4].reason == "plugin " + (dir.path() / "libmltrend_zz_copy.so").string() +
                                  " declares the plugin name 'test_source', which " +
                                  (dir.path() / "libmltrend_test_source.so").string() + " already provides");
}

TEST_CASE("loading a directory again replaces what the registry held") {
  PluginDir first;
  first.Copy("test_source");
  PluginDir second;
  second.Copy("test_sink");
  second.Copy("test_abi999");
  PluginRegistry registry;
  REQUIRE(registry.LoadDirectory(first.path()).ok());
  REQUIRE(registry.LoadDirectory(second.path()).ok());
  CHECK(Names(registry) == std::vector<std::string>{"test_sink"});
  CHECK(registry.Refusals().size() == 1);
}

TEST_CASE("a missing plugin directory is an error, an empty one is not") {
  PluginDir dir;
  PluginRegistry registry;
  mltrend::Status missing = registry.LoadDirectory(dir.path() / "nope");
  CHECK(missing.code() == mltrend::StatusCode::kNotFound);
  CHECK(missing.message() == "plugin directory " + (dir.path() / "nope").string() + " does not exist");

  const fs::path file = dir.Copy("test_sink");
  CHECK(registry.LoadDirectory(file).message() == "plugin directory " + file.string() + " is not a directory");

  fs::remove(file);
  CHECK(registry.LoadDirectory(dir.path()).ok());
  CHECK(registry.Plugins().empty());
  CHECK(registry.Refusals().empty());
}

TEST_CASE("the default plugin directory is lib/mltrend/plugins beside the executable's bin/") {
  // The tests run from <build>/bin, which mirrors <prefix>/bin.
  CHECK(mltrendd::DefaultPluginDir() == fs::weakly_canonical(mltrend_test::BuildPath(MLTREND_PLUGIN_SUBDIR)));
}

TEST_CASE("LoadConfig validates plugin keys from the real plugin libraries") {
  PluginDir plugins;
  FillWithGoodAndBad(plugins);
  mltrend_test::TempDir etc;
  const fs::path file = etc / "mltrend.toml";
  const std::string daemon = "[daemon]\nplugin_dir = \"" + plugins.path().string() + "\"\n";
  PluginRegistry registry;
  mltrendd::PluginLookup lookup = mltrendd::MakePluginLookup(registry);
  mltrendd::Config config;

  mltrend_test::WriteFile(file, daemon +
                                    "[[source]]\nname = \"t\"\nplugin = \"test_source\"\npage_size = 5\n"
                                    "[[sink]]\nname = \"s\"\nplugin = \"test_sink\"\n");
  REQUIRE(mltrendd::LoadConfig(file, lookup, config).ok());
  REQUIRE(config.sources.size() == 1);
  CHECK(config.sources[0].values.GetInt("page_size") == 5);
  CHECK(config.sources[0].values.GetString("base_url") == "http://127.0.0.1:1");
  REQUIRE(config.sinks.size() == 1);
  CHECK(config.sinks[0].values.GetDuration("window") == std::chrono::hours(24));
  REQUIRE(registry.Find("test_sink"));
  CHECK(registry.Find("test_sink")->CreateSink());

  mltrend_test::WriteFile(file, daemon + "[[source]]\nname = \"t\"\nplugin = \"test_source\"\npage_sise = 5\n");
  CHECK(mltrendd::LoadConfig(file, lookup, config).message() ==
        file.string() + ":6:1: [[source]] \"t\": unknown key 'page_sise' (did you mean 'page_size'?)");

  // A refused plugin is reported with the loader's reason.
  mltrend_test::WriteFile(file, daemon + "[[source]]\nname = \"f\"\nplugin = \"test_abi999\"\n");
  const std::string refused = mltrendd::LoadConfig(file, lookup, config).message();
  CHECK(refused.rfind(file.string() + ":5:10: [[source]] \"f\" plugin: unknown plugin 'test_abi999': plugin ", 0) == 0);
  CHECK(refused.find("was built for plugin ABI 999") != std::string::npos);

  mltrend_test::WriteFile(file, daemon + "[[source]]\nname = \"x\"\nplugin = \"nope\"\n");
  CHECK(mltrendd::LoadConfig(file, lookup, config).message() ==
        file.string() + ":5:10: [[source]] \"x\" plugin: unknown plugin 'nope': no plugin in " +
            plugins.path().string() + " is named 'nope' (it provides test_sink, test_source)");

  mltrend_test::WriteFile(file, "[daemon]\nplugin_dir = \"missing\"\n[[sink]]\nname = \"s\"\nplugin = \"test_sink\"\n");
  CHECK(mltrendd::LoadConfig(file, lookup, config).message() ==
        file.string() + ":5:10: [[sink]] \"s\" plugin: unknown plugin 'test_sink': plugin directory " +
            (etc.path() / "missing").string() + " does not exist");
}
