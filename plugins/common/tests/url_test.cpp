//===----------------------------------------------------------------------===//
// mltrend web-source kit — tests/url_test.cpp
//===----------------------------------------------------------------------===//
// The one URL parser (mltrend/url.hpp): what the daemon's client sends and
// follows, and the origins and Link targets every source pages by.
#include <catch2/catch.hpp>

#include "mltrend/url.hpp"

using mltrend::ParseUrl;
using mltrend::ResolveUrl;
using mltrend::Url;

TEST_CASE("ParseUrl splits scheme and host and default port and target", "[url]") {
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

TEST_CASE("ParseUrl keeps an explicit port and lower-cases scheme and host and drops the fragment", "[url]") {
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

TEST_CASE("ResolveUrl handles absolute and scheme-relative and relative forms", "[url]") {
  Url base;
  REQUIRE(ParseUrl("https://api.example:8443/v1/models/list?page=2", base).ok());
  std::string out;
  REQUIRE(ResolveUrl(base, "http://other.example/x", out).ok());
  CHECK(out == "http://other.example/x");
  REQUIRE(ResolveUrl(base, "//cdn.example/file", out).ok());
  CHECK(out == "https://cdn.example/file");
  REQUIRE(ResolveUrl(base, "/root?a=1", out).ok());
  CHECK(out == "https://api.example:8443/root?a=1");
  REQUIRE(ResolveUrl(base, "?page=3", out).ok());
  CHECK(out == "https://api.example:8443/v1/models/list?page=3");
  REQUIRE(ResolveUrl(base, "details", out).ok());
  CHECK(out == "https://api.example:8443/v1/models/details");
  CHECK_FALSE(ResolveUrl(base, "", out).ok());
  CHECK_FALSE(ResolveUrl(base, "mailto:someone@example.org", out).ok());
}

TEST_CASE("origins compare scheme and lower-cased host and port with the default port made explicit", "[url]") {
  Url a, b;
  REQUIRE(ParseUrl("https://HuggingFace.co/api/models?x=1", a).ok());
  REQUIRE(ParseUrl("https://huggingface.co:443", b).ok());
  CHECK(a.SameOrigin(b));
  CHECK(b.Origin() == "https://huggingface.co");
  REQUIRE(ParseUrl("http://huggingface.co/api", b).ok());
  CHECK_FALSE(a.SameOrigin(b));
  REQUIRE(ParseUrl("https://huggingface.co:8443/api", b).ok());
  CHECK_FALSE(a.SameOrigin(b));
  CHECK(b.Origin() == "https://huggingface.co:8443");
}

TEST_CASE("a relative reference against a query-only page resolves on the page's path", "[url]") {
  Url page;
  REQUIRE(ParseUrl("http://127.0.0.1:9/api/models?limit=10", page).ok());
  std::string out;
  REQUIRE(ResolveUrl(page, "?cursor=c", out).ok());
  CHECK(out == "http://127.0.0.1:9/api/models?cursor=c");
  REQUIRE(ResolveUrl(page, "models?cursor=d", out).ok());
  CHECK(out == "http://127.0.0.1:9/api/models?cursor=d");
  auto bad = ResolveUrl(page, "", out);
  CHECK(bad.message() == "an empty URL reference");
  bad = ResolveUrl(page, "ftp://h/x", out);
  CHECK(bad.message() == "URL reference 'ftp://h/x' uses an unsupported scheme");
}
