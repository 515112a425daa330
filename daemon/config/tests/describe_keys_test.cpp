#include <catch2/catch.hpp>

#include <algorithm>

#include "config_test_plugins.hpp"

TEST_CASE("DescribeKeys documents every daemon key with its type and default") {
  const std::string doc = mltrendd::DescribeKeys(mltrendd::DaemonKeys());
  CHECK(doc.rfind("| Key | Type | Default | Description |\n| --- | --- | --- | --- |\n", 0) == 0);
  for (const mltrend::ConfigKey& key : mltrendd::DaemonKeys()) {
    INFO(key.name);
    CHECK(doc.find("| `" + std::string(key.name) + "` |") != std::string::npos);
  }
  CHECK(doc.find("| `http_timeout` | duration, longer than zero | `30s` |") != std::string::npos);
  CHECK(doc.find("| `shutdown_grace` | duration | `30s` |") != std::string::npos);
  CHECK(doc.find("| `query_max_connections` | integer, at least 1 | `512` |") != std::string::npos);
  CHECK(doc.find("| `quarantine_after` | integer, 0 or more | `3` |") != std::string::npos);
  CHECK(doc.find("| `log_level` | string, one of trace, debug, info, warn, error | `info` |") != std::string::npos);
  CHECK(doc.find("| `metrics_listen` | string, IP:port | *empty* |") != std::string::npos);
  CHECK(doc.find("| `plugin_dir` | path | *empty* |") != std::string::npos);
  CHECK(doc.find("| `sync_writes` | boolean | `false` |") != std::string::npos);
}

TEST_CASE("DescribeKeys marks required keys and works on a plugin's table") {
  const std::string common = mltrendd::DescribeKeys(mltrendd::SourceKeys());
  CHECK(common.find("| `name` | string | *required* |") != std::string::npos);
  CHECK(common.find("| `interval` | duration, longer than zero | `6h` |") != std::string::npos);

  const mltrend::PluginDescriptor& hub = config_test::kHub;
  const std::string doc = mltrendd::DescribeKeys(hub.keys, hub.key_count);
  CHECK(doc.find("| `queries` | string list | *empty* | Search terms. |") != std::string::npos);
  CHECK(std::count(doc.begin(), doc.end(), '\n') == 2 + static_cast<long>(hub.key_count));
}

TEST_CASE("instance names are lowercase letters, digits, '_' and '-'") {
  CHECK(mltrendd::IsValidInstanceName("hf"));
  CHECK(mltrendd::IsValidInstanceName("0day_hub-2"));
  CHECK_FALSE(mltrendd::IsValidInstanceName(""));
  CHECK_FALSE(mltrendd::IsValidInstanceName("HF"));
  CHECK_FALSE(mltrendd::IsValidInstanceName("_hf"));
  CHECK_FALSE(mltrendd::IsValidInstanceName("-hf"));
  CHECK_FALSE(mltrendd::IsValidInstanceName("h f"));
  CHECK_FALSE(mltrendd::IsValidInstanceName("hf/x"));
}
