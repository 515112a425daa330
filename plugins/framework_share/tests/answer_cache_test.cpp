// The rendered-answer cache on its own: what it serves, and what it never
// serves again once the aggregates changed.
#include <catch2/catch.hpp>

#include "share_answer_cache.hpp"

using mltrend::share::AnswerCache;

namespace {

mltrend::QueryResponse Answer(std::string body) {
  mltrend::QueryResponse r;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("answer cache: an answer is served while its generation is current, never after an invalidation") {
  AnswerCache cache;
  const std::string key = AnswerCache::Key({"/v1/trends", {{"source", "hf"}}});
  CHECK_FALSE(cache.Find(key).has_value());
  cache.Store(key, cache.Generation(), Answer("one"));
  REQUIRE(cache.Find(key).has_value());
  CHECK(cache.Find(key)->body == "one");
  cache.Invalidate();
  CHECK_FALSE(cache.Find(key).has_value());
}

TEST_CASE("answer cache: an answer rendered before a change and stored after it is dropped") {
  AnswerCache cache;
  const std::string key = AnswerCache::Key({"/v1/trends", {}});
  const uint64_t rendered_at = cache.Generation();
  cache.Invalidate();  // a fold lands while the answer is being rendered
  cache.Store(key, rendered_at, Answer("stale"));
  CHECK_FALSE(cache.Find(key).has_value());
  cache.Store(key, cache.Generation(), Answer("fresh"));
  CHECK(cache.Find(key)->body == "fresh");
}

TEST_CASE("answer cache: keys tell apart paths and parameters that concatenate alike") {
  const auto key = [](std::string path, std::map<std::string, std::string> params) {
    return AnswerCache::Key({std::move(path), std::move(params)});
  };
  CHECK(key("/v1/trends", {{"a", "bc"}}) != key("/v1/trends", {{"ab", "c"}}));
  CHECK(key("/v1/trends", {{"a", "1"}, {"b", "2"}}) != key("/v1/trends", {{"a", "1b2"}}));
  CHECK(key("/v1/trends", {}) != key("/v1/coverage", {}));
  CHECK(key("/v1/trends", {{"b", "2"}, {"a", "1"}}) == key("/v1/trends", {{"a", "1"}, {"b", "2"}}));
}

TEST_CASE("answer cache: past its bound it forgets every answer, then fills again") {
  AnswerCache cache;
  const uint64_t g = cache.Generation();
  for (size_t i = 0; i < AnswerCache::kMaxEntries; ++i) cache.Store("k" + std::to_string(i), g, Answer("x"));
  CHECK(cache.Find("k0").has_value());
  cache.Store("k0", g, Answer("again"));  // a key already kept does not overflow it
  CHECK(cache.Find("k1").has_value());
  cache.Store("one more", g, Answer("y"));
  CHECK_FALSE(cache.Find("k0").has_value());
  CHECK(cache.Find("one more")->body == "y");
}
