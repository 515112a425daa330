#include <catch2/catch.hpp>

#include "mltrend/http.hpp"

using mltrend::Headers;
using mltrend::LinkNext;

TEST_CASE("LinkNext finds the next target among several relations") {
  // The shape GitHub sends (PyGithub replay data, Search.testSearchRepos).
  const char* github =
      "<https://api.github.com/search/repositories?sort=stars&q=tetris&page=2>; rel=\"next\", "
      "<https://api.github.com/search/repositories?sort=stars&q=tetris&page=91>; rel=\"last\"";
  CHECK(LinkNext(github) == "https://api.github.com/search/repositories?sort=stars&q=tetris&page=2");
  // next listed after another relation
  CHECK(LinkNext("<https://h/a?page=1>; rel=\"prev\", <https://h/a?page=3>; rel=\"next\"") ==
        "https://h/a?page=3");
  // the Hub's single cursor link
  CHECK(LinkNext("<https://huggingface.co/api/models?limit=1000&cursor=eyJ2Ijp7>; rel=\"next\"") ==
        "https://huggingface.co/api/models?limit=1000&cursor=eyJ2Ijp7");
}

TEST_CASE("LinkNext returns nothing on the last page or on garbage") {
  CHECK_FALSE(LinkNext("<https://h/a?page=1>; rel=\"prev\", <https://h/a?page=1>; rel=\"first\""));
  CHECK_FALSE(LinkNext(""));
  CHECK_FALSE(LinkNext("<unterminated; rel=\"next\""));
  CHECK_FALSE(LinkNext("rel=\"next\""));
}

TEST_CASE("Header names compare case-insensitively") {
  Headers h;
  h.Add("ETag", "W/\"abc\"");
  h.Add("x-ratelimit-remaining", "0");
  CHECK(h.Get("etag") == "W/\"abc\"");
  CHECK(h.Get("X-RateLimit-Remaining") == "0");
  CHECK_FALSE(h.Get("retry-after"));
}

TEST_CASE("PercentEncode keeps unreserved characters and escapes the rest") {
  CHECK(mltrend::PercentEncode("a b&c=d/\xc3\xa9") == "a%20b%26c%3Dd%2F%C3%A9");
  CHECK(mltrend::PercentEncode("hf-2024_x.~") == "hf-2024_x.~");
}
