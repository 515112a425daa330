//===----------------------------------------------------------------------===//
// mltrendd — http/tests/url_test.cpp
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "mltrendd/http/http_client.hpp"

using mltrendd::ParseUrl;
using mltrendd::ResolveLocation;
using mltrendd::Url;

TEST_CASE("ParseUrl splits scheme, host, default port and target", "[url]") {
  Url url;
  REQUIRE(ParseUrl("https://huggingface.co/api/models?limit=5&full=true", url).ok());
  CHECK(url.scheme == "https");
  CHECK(url.host == "huggingface.co");
  CHECK(url.port == "443");
  CHECK(url.target == "/api/models?limit=5&full=true");
  CHECK(url.ToString() == "https://huggingface.co/api/models?limit=5&full=true");

  REQUIRE(ParseUrl("http://example.org", url).ok());
  CHECK(url.port == "80");
  CHECK(url.target == "/");
}

TEST_CASE("ParseUrl keeps an explicit port, lower-cases scheme and host, drops the fragment", "[url]") {
  Url url;
  REQUIRE(ParseUrl("HTTP://LocalHost:8443/a/B?x=Y#frag", url).ok());
  CHECK(url.scheme == "http");
  CHECK(url.host == "localhost");
  CHECK(url.port == "8443");
  CHECK(url.target == "/a/B?x=Y");
  CHECK(url.Origin() == "http://localhost:8443");
}

TEST_CASE("ParseUrl accepts a query without a path and an IPv6 literal", "[url]") {
  Url url;
  REQUIRE(ParseUrl("http://h?q=1", url).ok());
  CHECK(url.target == "/?q=1");
  REQUIRE(ParseUrl("http://[::1]:9000/x", url).ok());
  CHECK(url.host == "::1");
  CHECK(url.port == "9000");
  CHECK(url.ToString() == "http://[::1]:9000/x");
}

TEST_CASE("ParseUrl refuses what it cannot send", "[url]") {
  Url url;
  for (const char* bad : {"ftp://host/x", "host/x", "", "http://", "http:///path", "http://h:0/", "http://h:70000/",
                          "http://h:/x", "http://h:12a/", "http://user:secret@h/x", "http://h/a b",
                          "http://h/a\r\nX: y", "http://[::1/x"}) {
    INFO(bad);
    auto status = ParseUrl(bad, url);
    CHECK_FALSE(status.ok());
    CHECK(status.code() == mltrend::StatusCode::kInvalidInput);
  }
}

TEST_CASE("ParseUrl's error names the URL and what it expected", "[url]") {
  Url url;
  auto status = ParseUrl("gopher://h/x", url);
  CHECK(status.message().find("gopher://h/x") != std::string::npos);
  CHECK(status.message().find("http://") != std::string::npos);
}

TEST_CASE("ResolveLocation handles absolute, scheme-relative and relative forms", "[url]") {
  Url base;
  REQUIRE(ParseUrl("https://api.example:8443/v1/models/list?page=2", base).ok());
  std::string out;
  REQUIRE(ResolveLocation(base, "http://other.example/x", out).ok());
  CHECK(out == "http://other.example/x");
  REQUIRE(ResolveLocation(base, "//cdn.example/file", out).ok());
  CHECK(out == "https://cdn.example/file");
  REQUIRE(ResolveLocation(base, "/root?a=1", out).ok());
  CHECK(out == "https://api.example:8443/root?a=1");
  REQUIRE(ResolveLocation(base, "?page=3", out).ok());
  CHECK(out == "https://api.example:8443/v1/models/list?page=3");
  REQUIRE(ResolveLocation(base, "details", out).ok());
  CHECK(out == "https://api.example:8443/v1/models/details");
  CHECK_FALSE(ResolveLocation(base, "", out).ok());
  CHECK_FALSE(ResolveLocation(base, "mailto:someone@example.org", out).ok());
}
