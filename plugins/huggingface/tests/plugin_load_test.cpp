// The built libmltrend_huggingface.so as the daemon uses it: loaded by the
// plugin loader, configured from TOML by the daemon's config loader against
// the plugin's own key table, then run against a loopback replay server.
#include <catch2/catch.hpp>

#include <iterator>

#include "hf_config.hpp"
#include "hf_test_support.hpp"
#include "mltrend/cancel.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrendd/http/http_client.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"

namespace {

std::filesystem::path PluginFile() {
  return mltrend_test::BuildPath(std::string(MLTREND_PLUGIN_SUBDIR) + "/libmltrend_huggingface.so");
}

}  // namespace

TEST_CASE("the plugin library registers a source named huggingface with its key table") {
  std::shared_ptr<mltrendd::LoadedPlugin> plugin;
  mltrend::Status s = mltrendd::LoadPlugin(PluginFile(), plugin);
  REQUIRE(s.ok());
  const mltrend::PluginDescriptor& d = plugin->Descriptor();
  CHECK(std::string(d.name) == "huggingface");
  CHECK(d.kind == mltrend::PluginKind::kSource);
  REQUIRE(d.key_count == std::size(mltrend::hf::kHuggingFaceKeys));
  for (size_t i = 0; i < d.key_count; ++i) CHECK(std::string(d.keys[i].name) == mltrend::hf::kHuggingFaceKeys[i].name);
  CHECK(plugin->CreateSource() != nullptr);
}

TEST_CASE("a [[source]] table configured by the daemon runs the loaded plugin end to end") {
  std::shared_ptr<mltrendd::LoadedPlugin> plugin;
  REQUIRE(mltrendd::LoadPlugin(PluginFile(), plugin).ok());

  hf_test::SourceHarness h;
  mltrend_test::Exchange page;
  page.target = "/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads&expand%5B%5D=lastModified"
                "&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=sha&expand%5B%5D=siblings&expand%5B%5D=tags";
  page.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  page.body = mltrend_test::ReadFile(mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json"));
  h.Server().Add(page);
  h.Server().Start();

  mltrend_test::TempDir tmp;
  mltrend_test::WriteFile(tmp / "mltrend.toml", "[daemon]\nstate_dir = \"state\"\nsocket = \"s.sock\"\n\n"
                                                "[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n"
                                                "base_url = \"" + h.Server().BaseUrl() + "\"\n");
  mltrendd::Config config;
  mltrend::Status s = mltrendd::LoadConfig(
      tmp / "mltrend.toml",
      [&](const mltrendd::DaemonSettings&, const std::string& name, std::string& why) -> const mltrend::PluginDescriptor* {
        if (name == "huggingface") return &plugin->Descriptor();
        why = "no such plugin";
        return nullptr;
      },
      config);
  REQUIRE(s.ok());
  REQUIRE(config.sources.size() == 1);
  const mltrend::ConfigValues& values = config.sources[0].values;
  CHECK(values.GetInt("limit") == 1000);
  CHECK(values.GetString("sort").empty());
  CHECK(values.GetStringList("expand") == hf_test::DefaultConfig("").GetStringList("expand"));

  // The source object comes from the library's own factory.
  auto source = plugin->CreateSource();
  mltrend::CancelToken cancel;
  mltrendd::BeastHttpClient http(mltrendd::HttpClientOptions{}, &cancel);
  mltrendd::StoreSourceContext ctx(h.Store(), "hf", values, http, cancel, h.Log(), &h.Counters());
  s = source->Run(ctx);
  REQUIRE(s.ok());
  CHECK(h.Count() == 50);
  CHECK(h.Counters().inserted == 50);
}

TEST_CASE("the daemon's config loader refuses a wrongly typed or unknown huggingface key") {
  std::shared_ptr<mltrendd::LoadedPlugin> plugin;
  REQUIRE(mltrendd::LoadPlugin(PluginFile(), plugin).ok());
  auto lookup = [&](const mltrendd::DaemonSettings&, const std::string&, std::string&) {
    return &plugin->Descriptor();
  };
  mltrend_test::TempDir tmp;
  const std::string head = "[daemon]\nstate_dir = \"state\"\n\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n";
  mltrendd::Config config;
  mltrend_test::WriteFile(tmp / "a.toml", head + "limit = \"many\"\n");
  mltrend::Status s = mltrendd::LoadConfig(tmp / "a.toml", lookup, config);
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("limit"));
  mltrend_test::WriteFile(tmp / "b.toml", head + "limt = 10\n");
  s = mltrendd::LoadConfig(tmp / "b.toml", lookup, config);
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("limt"));
}
