//===----------------------------------------------------------------------===//
// mltrend web-source kit — tests/link_paging_test.cpp
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "link_paging.hpp"

using mltrend::Headers;
using mltrend::StatusCode;
using mltrend::web::LinkPager;

namespace {

Headers WithLink(const std::string& link) {
  Headers h;
  h.Add("Link", link);
  return h;
}

}  // namespace

TEST_CASE("LinkPager resolves rel next against the page on base_url's origin") {
  LinkPager pager;
  REQUIRE(pager.Init("http://127.0.0.1:9/api").ok());
  const std::string page = "http://127.0.0.1:9/api/models?limit=10";
  std::optional<std::string> next;
  REQUIRE(pager.Next(WithLink("</api/models?cursor=b>; rel=\"next\""), page, next).ok());
  CHECK(next == std::optional<std::string>("http://127.0.0.1:9/api/models?cursor=b"));
  REQUIRE(pager.Next(WithLink("<?cursor=c>; rel=\"next\""), page, next).ok());
  CHECK(next == std::optional<std::string>("http://127.0.0.1:9/api/models?cursor=c"));
  REQUIRE(pager.Next(WithLink("<HTTP://127.0.0.1:9/x>; rel=\"next\""), page, next).ok());
  CHECK(next == std::optional<std::string>("HTTP://127.0.0.1:9/x"));
  // The last page: no Link, or a Link without next.
  REQUIRE(pager.Next(Headers{}, page, next).ok());
  CHECK_FALSE(next.has_value());
  REQUIRE(pager.Next(WithLink("</api/models?cursor=a>; rel=\"prev\""), page, next).ok());
  CHECK_FALSE(next.has_value());
}

TEST_CASE("LinkPager refuses a next page on another origin") {
  LinkPager pager;
  REQUIRE(pager.Init("https://api.github.com").ok());
  std::optional<std::string> next;
  auto s = pager.Next(WithLink("<https://evil.example/search?page=2>; rel=\"next\""),
                      "https://api.github.com/search?page=1", next);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK(s.message() ==
        "Link rel=\"next\" of https://api.github.com/search?page=1 points at https://evil.example, not at base_url's "
        "https://api.github.com; refusing to follow it");
  CHECK_FALSE(next.has_value());
  // Another port is another origin too; the scheme's default port is not.
  CHECK_FALSE(pager.Next(WithLink("<https://api.github.com:8443/x>; rel=\"next\""), "https://api.github.com/", next).ok());
  CHECK(pager.Next(WithLink("<https://API.github.com:443/x>; rel=\"next\""), "https://api.github.com/", next).ok());
  s = pager.Next(WithLink("<mailto:x@y>; rel=\"next\""), "https://api.github.com/", next);
  CHECK(s.message() ==
        "Link rel=\"next\" of https://api.github.com/ is unusable: URL reference 'mailto:x@y' uses an unsupported "
        "scheme");
  CHECK(pager.OnOrigin("https://api.github.com/search?page=3"));
  CHECK_FALSE(pager.OnOrigin("http://api.github.com/search?page=3"));
  CHECK_FALSE(pager.OnOrigin("not a url"));
}

TEST_CASE("LinkPager refuses a next page this run already fetched") {
  LinkPager pager;
  REQUIRE(pager.Init("http://h").ok());
  std::optional<std::string> next;
  auto s = pager.Next(WithLink("<http://h/p?page=1>; rel=\"next\""), "http://h/p?page=1", next);
  CHECK(s.message() ==
        "Link rel=\"next\" of http://h/p?page=1 names a URL this run already fetched (a paging loop): http://h/p?page=1");
  REQUIRE(pager.Visit("http://h/p?page=1").ok());
  REQUIRE(pager.Visit("http://h/p?page=2").ok());
  s = pager.Next(WithLink("</p?page=1>; rel=\"next\""), "http://h/p?page=2", next);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK_THAT(s.message(), Catch::EndsWith("(a paging loop): http://h/p?page=1"));
  s = pager.Visit("http://h/p?page=2");
  CHECK(s.message() == "Link rel=\"next\" names a URL this run already fetched (a paging loop): http://h/p?page=2");
  CHECK_FALSE(LinkPager().Init("ftp://h").ok());
}
