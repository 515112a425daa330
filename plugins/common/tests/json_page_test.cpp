//===----------------------------------------------------------------------===//
// mltrend plugins — common/tests/json_page_test.cpp
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "json_page.hpp"

using mltrend::plugin_json::JsonPage;
namespace od = simdjson::ondemand;

TEST_CASE("JsonPage opens the top object and reuses its buffer for the next text") {
  JsonPage page;
  od::object top;
  REQUIRE(page.Open(R"({"count":2,"next":null})", top) == simdjson::SUCCESS);
  int64_t count = 0;
  REQUIRE(top["count"].get_int64().get(count) == simdjson::SUCCESS);
  CHECK(count == 2);
  // A shorter text after a longer one: nothing of the first is read.
  REQUIRE(page.Open(R"({"a":7})", top) == simdjson::SUCCESS);
  int64_t a = 0;
  REQUIRE(top["a"].get_int64().get(a) == simdjson::SUCCESS);
  CHECK(a == 7);
  CHECK(page.TopType() == od::json_type::object);
}

TEST_CASE("JsonPage says what the top is when it is no object") {
  JsonPage page;
  od::object top;
  CHECK(page.Open("[1,2]", top) == simdjson::INCORRECT_TYPE);
  CHECK(page.TopType() == od::json_type::array);
  CHECK(page.Open("\"text\"", top) == simdjson::INCORRECT_TYPE);
  CHECK(page.Open("   ", top) == simdjson::EMPTY);
  CHECK(page.Open("nul", top) != simdjson::SUCCESS);
}

TEST_CASE("JsonPage tells content after the top object from whitespace") {
  JsonPage page;
  od::object top;
  REQUIRE(page.Open("{\"a\":1}  \n", top) == simdjson::SUCCESS);
  for (auto field : top) (void)field;
  CHECK_FALSE(page.HasTrailingContent());
  REQUIRE(page.Open("{\"a\":1} {}", top) == simdjson::SUCCESS);
  for (auto field : top) (void)field;
  CHECK(page.HasTrailingContent());
}
