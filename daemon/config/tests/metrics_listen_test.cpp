// [daemon] metrics_listen: which addresses are accepted, the exact refusal
// (file:line:col and key) of the others, and that a change needs a restart.

#include <catch2/catch.hpp>

#include "config_test_plugins.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/config/config_diff.hpp"

namespace {

mltrend::Status Load(const mltrend_test::TempDir& dir, const std::string& daemon_table, mltrendd::Config& out) {
  mltrend_test::WriteFile(dir / "mltrend.toml", "[daemon]\nsocket = \"s.sock\"\n" + daemon_table);
  return mltrendd::LoadConfig(dir / "mltrend.toml", config_test::TestLookup(), out);
}

//! The refusal of `metrics_listen = <value>`, written on line 3 of the file.
std::string Refusal(const std::string& value) {
  mltrend_test::TempDir dir;
  mltrendd::Config config;
  mltrend::Status s = Load(dir, "metrics_listen = " + value + "\n", config);
  REQUIRE_FALSE(s.ok());
  const std::string file = (dir / "mltrend.toml").string() + ":";
  REQUIRE(s.message().rfind(file, 0) == 0);
  return s.message().substr(file.size());
}

}  // namespace

TEST_CASE("metrics_listen is off by default and accepts an IPv4 or a bracketed IPv6 address with a port") {
  mltrend_test::TempDir dir;
  mltrendd::Config config;
  REQUIRE(Load(dir, "", config).ok());
  CHECK(config.daemon.metrics_listen.empty());

  const std::tuple<std::string, std::string, uint16_t> accepted[] = {
      {"127.0.0.1:9464", "127.0.0.1", 9464}, {"[::1]:9464", "::1", 9464}, {"0.0.0.0:0", "0.0.0.0", 0},
      {"[::]:65535", "::", 65535}};
  for (const auto& [text, host, port] : accepted) {
    INFO(text);
    auto s = Load(dir, "metrics_listen = \"" + text + "\"\n", config);
    INFO(s.message());
    REQUIRE(s.ok());
    CHECK(config.daemon.metrics_listen == text);
    CHECK(config.daemon.metrics_host == host);
    CHECK(config.daemon.metrics_port == port);
  }
}

TEST_CASE("a bad metrics_listen is refused at load with its position, the key and what is wrong") {
  CHECK(Refusal("\"127.0.0.1\"") ==
        "3:18: [daemon] metrics_listen: expected \"ADDRESS:PORT\" (e.g. \"127.0.0.1:9464\" or \"[::1]:9464\"), got "
        "\"127.0.0.1\": no port");
  CHECK(Refusal("\"127.0.0.1:65536\"") == "3:18: [daemon] metrics_listen: the port of \"127.0.0.1:65536\" must be a "
                                          "number from 0 to 65535");
  CHECK(Refusal("\"127.0.0.1:\"") ==
        "3:18: [daemon] metrics_listen: the port of \"127.0.0.1:\" must be a number from 0 to 65535");
  CHECK(Refusal("\"localhost:9464\"") == "3:18: [daemon] metrics_listen: 'localhost' in \"localhost:9464\" is not an IP "
                                         "address (a host name is not resolved: write 127.0.0.1 or [::1])");
  CHECK(Refusal("\"::1:9464\"") ==
        "3:18: [daemon] metrics_listen: write an IPv6 address in brackets with its port, as \"[::1]:9464\", got "
        "\"::1:9464\"");
  CHECK(Refusal("\"[127.0.0.1]:9464\"") ==
        "3:18: [daemon] metrics_listen: only an IPv6 address goes in brackets, got \"[127.0.0.1]:9464\"");
  CHECK(Refusal("9464") == "3:18: [daemon] metrics_listen: expected a string, got integer 9464");
}

TEST_CASE("config diff: a changed metrics_listen needs a restart, like socket") {
  mltrend_test::TempDir dir;
  mltrendd::Config running, next;
  REQUIRE(Load(dir, "", running).ok());
  REQUIRE(Load(dir, "metrics_listen = \"127.0.0.1:9464\"\n", next).ok());
  auto d = mltrendd::DiffConfigs(running, next);
  CHECK(d.needs_restart == std::vector<std::string>{"metrics_listen: '' -> '127.0.0.1:9464'"});
}
