#include <catch2/catch.hpp>

#include "mltrend/config.hpp"

TEST_CASE("ConfigValues returns declared values and throws on undeclared keys") {
  mltrend::ConfigValues v;
  v.Set("limit", int64_t{1000});
  v.Set("queries", std::vector<std::string>{"topic:pytorch", "topic:jax"});
  CHECK(v.GetInt("limit") == 1000);
  CHECK(v.GetStringList("queries").size() == 2);
  CHECK_THROWS_AS(v.GetString("nope"), std::out_of_range);
  CHECK_THROWS_AS(v.GetString("limit"), std::bad_variant_access);
}
