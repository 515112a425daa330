// The one redaction: registered secrets, their percent-encoded forms, and
// the secrets the environment declares, replaced wherever they occur.
#include <catch2/catch.hpp>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <cstdlib>
#include <sstream>

#include "mltrend_test/test_support.hpp"
#include "mltrendd/secrets/redacting_sink.hpp"
#include "mltrendd/secrets/secrets.hpp"

using mltrendd::ContainsSecret;
using mltrendd::Redact;
using mltrendd::RegisterSecret;

TEST_CASE("Redact replaces every occurrence of every registered secret") {
  mltrendd::ForgetSecretsForTesting();
  CHECK(Redact("nothing registered: hf_abc") == "nothing registered: hf_abc");
  RegisterSecret("hf_abc123");
  RegisterSecret("ghp_xyz");
  RegisterSecret("");  // ignored: an empty secret would match everywhere
  CHECK(Redact("hf_abc123 and ghp_xyz, again hf_abc123.") == "<redacted> and <redacted>, again <redacted>.");
  CHECK(Redact("hf_abc12 is not it") == "hf_abc12 is not it");
  CHECK(ContainsSecret("x ghp_xyz y"));
  CHECK_FALSE(ContainsSecret("ghp_xy"));
  CHECK(Redact("") == "");
}

TEST_CASE("Redact replaces a secret's percent-encoded forms and the longer of two overlapping secrets whole") {
  mltrendd::ForgetSecretsForTesting();
  RegisterSecret("a/b+c");
  RegisterSecret("a/b+c/longer");
  CHECK(Redact("?t=a%2Fb%2Bc&u=a%2fb%2bc") == "?t=<redacted>&u=<redacted>");
  CHECK(Redact("a/b+c/longer") == "<redacted>");
  CHECK(Redact("a/b+c/") == "<redacted>/");
  mltrendd::ForgetSecretsForTesting();
  CHECK(Redact("a/b+c") == "a/b+c");
}

TEST_CASE("ReadSecret reads the environment first, then $CREDENTIALS_DIRECTORY, and registers what it found") {
  mltrendd::ForgetSecretsForTesting();
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "FILE_SECRET", "from-the-file\n\n");
  REQUIRE(setenv("CREDENTIALS_DIRECTORY", dir.path().c_str(), 1) == 0);
  REQUIRE(setenv("ENV_SECRET", "from-the-environment", 1) == 0);
  CHECK(mltrendd::ReadSecret("ENV_SECRET") == "from-the-environment");
  CHECK(mltrendd::ReadSecret("FILE_SECRET") == "from-the-file");
  CHECK(mltrendd::ReadSecret("ABSENT_SECRET") == "");
  CHECK(mltrendd::ReadSecret("../FILE_SECRET") == "");
  CHECK(Redact("from-the-environment from-the-file") == "<redacted> <redacted>");
  unsetenv("ENV_SECRET");
  unsetenv("CREDENTIALS_DIRECTORY");
}

TEST_CASE("RegisterEnvironmentSecrets takes every *_TOKEN variable and every credential file") {
  mltrendd::ForgetSecretsForTesting();
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "ANY_NAME", "credential-value\n");
  REQUIRE(setenv("CREDENTIALS_DIRECTORY", dir.path().c_str(), 1) == 0);
  REQUIRE(setenv("SOME_TOKEN", "token-value", 1) == 0);
  REQUIRE(setenv("TOKEN_NOT_SUFFIX", "plain-value", 1) == 0);
  REQUIRE(setenv("SHORT_TOKEN", "1234567", 1) == 0);
  mltrendd::RegisterEnvironmentSecrets();
  CHECK(Redact("token-value credential-value plain-value 1234567") ==
        "<redacted> <redacted> plain-value 1234567");
  unsetenv("SHORT_TOKEN");
  unsetenv("SOME_TOKEN");
  unsetenv("TOKEN_NOT_SUFFIX");
  unsetenv("CREDENTIALS_DIRECTORY");
  mltrendd::ForgetSecretsForTesting();
}

TEST_CASE("RedactingSink redacts each line's message and keeps the pattern of the sink it wraps") {
  mltrendd::ForgetSecretsForTesting();
  RegisterSecret("tok-123");
  std::ostringstream out;
  auto inner = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  spdlog::logger logger("source.x", std::make_shared<mltrendd::RedactingSink>(inner));
  logger.set_pattern("%l [%n] %v");
  logger.set_level(spdlog::level::trace);
  logger.debug("server said {} twice: {}", "tok-123", "tok-123");
  logger.info("nothing secret");
  CHECK(out.str() == "debug [source.x] server said <redacted> twice: <redacted>\ninfo [source.x] nothing secret\n");
  mltrendd::ForgetSecretsForTesting();
}
