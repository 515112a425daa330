#include <catch2/catch.hpp>

#include "mltrendd/server/query_params.hpp"

using mltrendd::ParsedTarget;
using mltrendd::ParseTarget;

TEST_CASE("targets split into a decoded path and parameters") {
  ParsedTarget t;
  std::string bad;
  REQUIRE(ParseTarget("/v1/trends?source=hf&bucket=quarter&q=a+b%2Fc", t, bad).ok());
  CHECK(t.path == "/v1/trends");
  CHECK(t.params.at("source") == "hf");
  CHECK(t.params.at("bucket") == "quarter");
  CHECK(t.params.at("q") == "a b/c");
  REQUIRE(ParseTarget("/healthz", t, bad).ok());
  CHECK(t.params.empty());
  REQUIRE(ParseTarget("/v1/trends?&flag&x=", t, bad).ok());
  CHECK(t.params.at("flag").empty());
  CHECK(t.params.at("x").empty());
}

TEST_CASE("malformed targets are refused naming the parameter") {
  ParsedTarget t;
  std::string bad;
  auto s = ParseTarget("/v1/trends?metric=%zz", t, bad);
  CHECK_FALSE(s.ok());
  CHECK(bad == "metric");
  s = ParseTarget("/v1/trends?source=a&source=b", t, bad);
  CHECK_FALSE(s.ok());
  CHECK(bad == "source");
  CHECK(s.message().find("more than once") != std::string::npos);
  CHECK_FALSE(ParseTarget("/v1/trends?x=%00", t, bad).ok());
  CHECK_FALSE(ParseTarget("/v1/trends?x=%4", t, bad).ok());
  CHECK_FALSE(ParseTarget("v1/trends", t, bad).ok());
  CHECK_FALSE(ParseTarget("/v1/trends?=1", t, bad).ok());
}
