#include <catch2/catch.hpp>

#include "config_test_plugins.hpp"
#include "mltrend_test/test_support.hpp"

using namespace std::chrono_literals;
using mltrend_test::TempDir;
using mltrend_test::WriteFile;

namespace {

const char* kFullConfig = R"(# every daemon key, two sources, one sink
[daemon]
state_dir = "state"
socket = "/run/test/mltrend.sock"
plugin_dir = "../plugins"
log_level = "debug"
sync_writes = true
ca_file = "certs/ca.pem"
http_timeout = "45s"
shutdown_grace = 10

[[source]]
name = "hf"
plugin = "huggingface"
interval = "12h"
jitter = "0s"
backoff_initial = "1m"
backoff_max = "2d"
limit = 500
queries = ["pytorch", "jax"]
full = true
page_delay = "1500ms"

[[source]]
name = "hf-small_2"
plugin = "huggingface"

[[sink]]
name = "share"
plugin = "framework_share"
rules = "/etc/mltrend/rules.toml"
)";

}  // namespace

TEST_CASE("a full config loads with defaults applied and relative paths resolved") {
  TempDir dir;
  std::filesystem::create_directories(dir / "etc");
  const auto file = dir / "etc/mltrend.toml";
  WriteFile(file, kFullConfig);

  mltrendd::Config config;
  mltrend::Status status = mltrendd::LoadConfig(file, config_test::TestLookup(), config);
  REQUIRE(status.ok());
  CHECK(config.file == file);

  const mltrendd::DaemonSettings& d = config.daemon;
  CHECK(d.state_dir == dir / "etc/state");
  CHECK(d.socket == "/run/test/mltrend.sock");
  CHECK(d.plugin_dir == dir / "plugins");
  CHECK(d.log_level == "debug");
  CHECK(d.sync_writes);
  CHECK(d.ca_file == dir / "etc/certs/ca.pem");
  CHECK(d.http_timeout == 45s);
  CHECK(d.shutdown_grace == 10s);

  REQUIRE(config.sources.size() == 2);
  const mltrendd::SourceConfig& hf = config.sources[0];
  CHECK(hf.name == "hf");
  CHECK(hf.plugin == "huggingface");
  CHECK(hf.line == 12);
  CHECK(hf.interval == 12h);
  CHECK(hf.jitter == 0ms);
  CHECK(hf.backoff_initial == 1min);
  CHECK(hf.backoff_max == 48h);
  CHECK(hf.values.GetString("name") == "hf");
  CHECK(hf.values.GetInt("limit") == 500);
  CHECK(hf.values.GetStringList("queries") == std::vector<std::string>{"pytorch", "jax"});
  CHECK(hf.values.GetBool("full"));
  CHECK(hf.values.GetDuration("page_delay") == 1500ms);
  CHECK(hf.values.GetString("base_url") == "https://huggingface.co");
  // The daemon's scheduling keys are not the plugin's business.
  CHECK_FALSE(hf.values.Has("interval"));
  CHECK_FALSE(hf.values.Has("plugin"));

  const mltrendd::SourceConfig& small = config.sources[1];
  CHECK(small.name == "hf-small_2");
  CHECK(small.line == 24);
  CHECK(small.interval == 6h);
  CHECK(small.jitter == 30s);
  CHECK(small.backoff_initial == 30s);
  CHECK(small.backoff_max == 1h);
  CHECK(small.values.GetInt("limit") == 1000);
  CHECK(small.values.GetStringList("queries").empty());
  CHECK_FALSE(small.values.GetBool("full"));
  CHECK(small.values.GetDuration("page_delay") == 250ms);

  REQUIRE(config.sinks.size() == 1);
  CHECK(config.sinks[0].name == "share");
  CHECK(config.sinks[0].plugin == "framework_share");
  CHECK(config.sinks[0].line == 28);
  CHECK(config.sinks[0].values.GetString("rules") == "/etc/mltrend/rules.toml");
  CHECK(config.sinks[0].values.GetStringList("buckets") == std::vector<std::string>{"month", "quarter"});
  CHECK(config.sinks[0].values.GetString("name") == "share");
}

TEST_CASE("an empty config file gives the daemon defaults and no instances") {
  TempDir dir;
  WriteFile(dir / "mltrend.toml", "# nothing configured yet\n");
  mltrendd::Config config;
  REQUIRE(mltrendd::LoadConfig(dir / "mltrend.toml", config_test::TestLookup(), config).ok());
  CHECK(config.daemon.state_dir == "/var/lib/mltrend");
  CHECK(config.daemon.socket == "/run/mltrend/mltrend.sock");
  CHECK(config.daemon.plugin_dir.empty());
  CHECK(config.daemon.ca_file.empty());
  CHECK(config.daemon.log_level == "info");
  CHECK_FALSE(config.daemon.sync_writes);
  CHECK(config.daemon.http_timeout == 30s);
  CHECK(config.daemon.shutdown_grace == 30s);
  CHECK(config.sources.empty());
  CHECK(config.sinks.empty());
}

TEST_CASE("a plugin's relative path default is resolved against the config directory") {
  TempDir dir;
  WriteFile(dir / "mltrend.toml", "[[sink]]\nname = \"share\"\nplugin = \"framework_share\"\n");
  mltrendd::Config config;
  REQUIRE(mltrendd::LoadConfig(dir / "mltrend.toml", config_test::TestLookup(), config).ok());
  REQUIRE(config.sinks.size() == 1);
  CHECK(config.sinks[0].values.GetString("rules") == (dir / "rules/frameworks.toml").string());
}

TEST_CASE("integers are seconds wherever a duration is expected") {
  TempDir dir;
  WriteFile(dir / "mltrend.toml",
            "[daemon]\nhttp_timeout = 90\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n"
            "interval = 3600\npage_delay = 2\n");
  mltrendd::Config config;
  REQUIRE(mltrendd::LoadConfig(dir / "mltrend.toml", config_test::TestLookup(), config).ok());
  CHECK(config.daemon.http_timeout == 90s);
  CHECK(config.sources.at(0).interval == 1h);
  CHECK(config.sources.at(0).values.GetDuration("page_delay") == 2s);
}

TEST_CASE("the lookup sees the [daemon] table, wherever it is in the file") {
  TempDir dir;
  WriteFile(dir / "mltrend.toml",
            "[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n[daemon]\nplugin_dir = \"/opt/plugins\"\n");
  std::filesystem::path seen;
  mltrendd::PluginLookup lookup = [&seen](const mltrendd::DaemonSettings& daemon, const std::string& name,
                                          std::string& why) {
    seen = daemon.plugin_dir;
    return config_test::TestLookup()(daemon, name, why);
  };
  mltrendd::Config config;
  REQUIRE(mltrendd::LoadConfig(dir / "mltrend.toml", lookup, config).ok());
  CHECK(seen == "/opt/plugins");
}

TEST_CASE("a failed load leaves the previous config untouched") {
  TempDir dir;
  WriteFile(dir / "good.toml", "[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n");
  WriteFile(dir / "bad.toml", "[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\nlimit = \"x\"\n");
  mltrendd::Config config;
  REQUIRE(mltrendd::LoadConfig(dir / "good.toml", config_test::TestLookup(), config).ok());
  REQUIRE_FALSE(mltrendd::LoadConfig(dir / "bad.toml", config_test::TestLookup(), config).ok());
  CHECK(config.file == dir / "good.toml");
  CHECK(config.sources.size() == 1);
}
