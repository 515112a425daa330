// The shipped systemd units pass `systemd-analyze verify`, which also checks
// every directive's value (a typo is reported on stderr, with exit code 0,
// so the test asserts both).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "e2e_support.hpp"

using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {

//! The unit with ExecStart pointed at the built binary: verify checks that
//! the executable exists, and the install prefix is not populated here.
std::string WithBuiltBinary(std::string unit) {
  const std::string key = "ExecStart=";
  size_t at = unit.find(key);
  REQUIRE(at != std::string::npos);
  size_t end = unit.find(' ', at);
  unit.replace(at + key.size(), end - at - key.size(), e2e::DaemonBinary().string());
  return unit;
}

}  // namespace

TEST_CASE("systemd-analyze verify accepts mltrendd.service and mltrendd.socket") {
  std::string out;
  if (mltrend_test::RunCommand({"sh", "-c", "command -v systemd-analyze"}, out) != 0) {
    // Not a pass: ctest reports the test as skipped (SKIP_RETURN_CODE 77).
    std::printf("SKIPPED: systemd-analyze is not installed (Debian package systemd); .ci/install-deps installs it\n");
    std::fflush(stdout);
    std::_Exit(77);
  }
  const std::string service = mltrend_test::ReadFile(BuildPath("config/mltrendd.service"));
  for (const char* directive : {"Type=notify", "NotifyAccess=main", "WatchdogSec=", "ExecReload=", "Restart=on-failure",
                                "DynamicUser=yes", "StateDirectory=mltrend", "Requires=mltrendd.socket",
                                "ConfigurationDirectory=mltrend", "ProtectSystem=strict", "ProtectHome=yes",
                                "PrivateTmp=yes", "NoNewPrivileges=yes",
                                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                                "SystemCallFilter=@system-service"}) {
    INFO(directive);
    CHECK(service.find(std::string("\n") + directive) != std::string::npos);
  }
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "mltrendd.service", WithBuiltBinary(service));
  mltrend_test::WriteFile(dir / "mltrendd.socket", mltrend_test::ReadFile(FixturePath("../../config/mltrendd.socket")));
  mltrend_test::ChildProcess verify(
      {"systemd-analyze", "verify", (dir / "mltrendd.service").string(), (dir / "mltrendd.socket").string()});
  const int status = verify.Wait();
  INFO(verify.Stdout() << verify.Stderr());
  CHECK(status == 0);
  CHECK(verify.Stderr().empty());
}
