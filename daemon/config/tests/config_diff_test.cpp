#include <catch2/catch.hpp>

#include "config_test_plugins.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/config/config_diff.hpp"

namespace {

const char* kRunning = R"([daemon]
state_dir = "state"
socket = "s.sock"
log_level = "info"

[[source]]
name = "hf"
plugin = "huggingface"
interval = "6h"

[[source]]
name = "hf-mirror"
plugin = "huggingface"
base_url = "http://mirror.example"

[[sink]]
name = "trends"
plugin = "framework_share"
rules = "rules.toml"
)";

mltrendd::Config Load(const mltrend_test::TempDir& dir, const std::string& name, const std::string& text) {
  mltrend_test::WriteFile(dir / name, text);
  mltrendd::Config config;
  auto s = mltrendd::LoadConfig(dir / name, config_test::TestLookup(), config);
  INFO(s.message());
  REQUIRE(s.ok());
  return config;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("config diff: the same file, moved tables and comments change nothing") {
  mltrend_test::TempDir dir;
  auto a = Load(dir, "a.toml", kRunning);
  auto b = Load(dir, "b.toml", std::string("# a comment\n\n") + kRunning);
  auto d = mltrendd::DiffConfigs(a, b);
  CHECK(d.Summary() == "nothing changed");
  CHECK(d.sources_kept == std::vector<std::string>{"hf", "hf-mirror"});
  CHECK(d.sinks_kept == std::vector<std::string>{"trends"});
}

TEST_CASE("config diff: added, removed and changed instances by name") {
  mltrend_test::TempDir dir;
  auto a = Load(dir, "a.toml", kRunning);
  std::string next = Replace(kRunning, "interval = \"6h\"", "interval = \"1h\"");
  next = Replace(next, "name = \"hf-mirror\"", "name = \"hf-eu\"");
  next = Replace(next, "rules = \"rules.toml\"", "rules = \"other.toml\"");
  next = Replace(next, "log_level = \"info\"", "log_level = \"debug\"");
  auto d = mltrendd::DiffConfigs(a, Load(dir, "b.toml", next));
  CHECK(d.sources_changed == std::vector<std::string>{"hf"});
  CHECK(d.sources_added == std::vector<std::string>{"hf-eu"});
  CHECK(d.sources_removed == std::vector<std::string>{"hf-mirror"});
  CHECK(d.sinks_changed == std::vector<std::string>{"trends"});
  CHECK(d.SourceSetChanged());
  CHECK(d.log_level_changed);
  CHECK(d.needs_restart.empty());
  CHECK(d.Summary() == "sources +hf-eu -hf-mirror ~hf; sinks ~trends; log_level");
}

TEST_CASE("config diff: a plugin key change replaces the source; state_dir and socket need a restart") {
  mltrend_test::TempDir dir;
  auto a = Load(dir, "a.toml", kRunning);
  std::string next = Replace(kRunning, "base_url = \"http://mirror.example\"", "base_url = \"http://mirror2.example\"");
  next = Replace(next, "state_dir = \"state\"", "state_dir = \"elsewhere\"");
  next = Replace(next, "socket = \"s.sock\"", "socket = \"t.sock\"");
  auto d = mltrendd::DiffConfigs(a, Load(dir, "b.toml", next));
  CHECK(d.sources_changed == std::vector<std::string>{"hf-mirror"});
  CHECK_FALSE(d.SourceSetChanged());
  REQUIRE(d.needs_restart.size() == 2);
  CHECK(d.needs_restart[0].rfind("state_dir: '", 0) == 0);
  CHECK(d.needs_restart[0].find("elsewhere'") != std::string::npos);
  CHECK(d.needs_restart[1].rfind("socket: '", 0) == 0);
}
