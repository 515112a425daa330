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

#include "mltrend/config_reader.hpp"

namespace {

enum class Walk { kIncremental, kFull };

struct Settings {
  int64_t per_page = 0;
  std::chrono::seconds interval{0};
  std::vector<std::string> queries;
  std::string level;
  Walk walk = Walk::kIncremental;
  bool flag = false;
};

mltrend::Status CheckNoSpace(const mltrend::ConfigValue& v) {
  return std::get<std::string>(v).find(' ') == std::string::npos ? mltrend::Status::Ok()
                                                                 : mltrend::Status::Invalid("holds a space");
}

constexpr mltrend::ConfigKey kKeys[] = {
    mltrend::ConfigField<&Settings::per_page>("per_page", "100", "per page").Range(1, 100),
    mltrend::ConfigField<&Settings::interval>("interval", "2h", "between runs").AtLeast(1),
    mltrend::ConfigField<&Settings::queries>("queries", "a,b", "searches").AtLeast(1),
    mltrend::ConfigField<&Settings::level>("level", "", "how much").OneOf("low,high", true).Parsed("word", &CheckNoSpace),
    mltrend::ConfigField<&Settings::walk>("walk", "incremental", "how").OneOf("incremental,full"),
    mltrend::ConfigField<&Settings::flag>("flag", "true", "a flag"),
};

std::string Refusal(const mltrend::ConfigValues& values) {
  Settings s;
  std::string bad_key;
  const mltrend::Status st = mltrend::ReadKeys(values, kKeys, s, bad_key);
  return st.ok() ? "ok" : bad_key + ": " + st.message();
}

}  // namespace

TEST_CASE("a key table declares type and where a value lands and ReadKeys fills defaults from it") {
  STATIC_REQUIRE(kKeys[0].type == mltrend::ConfigType::kInt);
  STATIC_REQUIRE(kKeys[1].type == mltrend::ConfigType::kDuration);
  STATIC_REQUIRE(kKeys[2].type == mltrend::ConfigType::kStringList);
  STATIC_REQUIRE(kKeys[4].type == mltrend::ConfigType::kString);
  STATIC_REQUIRE(kKeys[5].type == mltrend::ConfigType::kBool);
  Settings s;
  std::string bad_key;
  mltrend::ConfigValues values;
  values.Set("walk", std::string("full"));
  REQUIRE(mltrend::ReadKeys(values, kKeys, s, bad_key).ok());
  CHECK(s.per_page == 100);
  CHECK(s.interval == std::chrono::hours(2));
  CHECK(s.queries == std::vector<std::string>{"a", "b"});
  CHECK(s.level.empty());
  CHECK(s.walk == Walk::kFull);
  CHECK(s.flag);
}

TEST_CASE("ReadKeys refuses a value out of bounds or not allowed with one wording") {
  auto with = [](const char* key, mltrend::ConfigValue v) {
    mltrend::ConfigValues values;
    values.Set(key, std::move(v));
    return Refusal(values);
  };
  CHECK(with("per_page", int64_t{0}) == "per_page: must be 1 to 100, got 0");
  CHECK(with("per_page", int64_t{101}) == "per_page: must be 1 to 100, got 101");
  CHECK(with("interval", std::chrono::milliseconds(0)) == "interval: must be longer than zero");
  CHECK(with("queries", std::vector<std::string>{}) == "queries: must hold at least 1 item, got 0");
  CHECK(with("level", std::string("mid")) == "level: expected one of low, high or \"\", got \"mid\"");
  CHECK(with("level", std::string("lo w")) == "level: expected one of low, high or \"\", got \"lo w\"");
  CHECK(with("walk", std::string("")) == "walk: expected one of incremental, full, got \"\"");
  CHECK(with("per_page", int64_t{100}) == "ok");
}

TEST_CASE("bounds and allowed values are worded for the docs from the same key") {
  CHECK(mltrend::DescribeBounds(kKeys[0]) == "1 to 100");
  CHECK(mltrend::DescribeBounds(kKeys[1]) == "longer than zero");
  CHECK(mltrend::DescribeBounds(kKeys[2]) == "at least 1 item");
  CHECK(mltrend::DescribeBounds(kKeys[3]).empty());
  CHECK(mltrend::DescribeAllowed(kKeys[3]) == "low, high or \"\"");
  CHECK(mltrend::DescribeBounds(mltrend::ConfigKey{"n", mltrend::ConfigType::kInt, "0", ""}.AtLeast(0)) == "0 or more");
  CHECK(mltrend::FormatDuration(std::chrono::milliseconds(90'000)) == "90s");
  CHECK(mltrend::FormatDuration(std::chrono::hours(48)) == "2d");
}

TEST_CASE("a malformed default is a plugin bug and throws") {
  CHECK_THROWS_AS(mltrend::DefaultValue(mltrend::ConfigKey{"n", mltrend::ConfigType::kInt, "lots", ""}), std::logic_error);
  CHECK_THROWS_AS(mltrend::DefaultValue(mltrend::ConfigKey{"d", mltrend::ConfigType::kDuration, "5y", ""}),
                  std::logic_error);
  CHECK(std::get<std::chrono::milliseconds>(mltrend::DefaultValue(
            mltrend::ConfigKey{"d", mltrend::ConfigType::kDuration, "250ms", ""})) == std::chrono::milliseconds(250));
}

TEST_CASE("a comma-separated list is split one way for allowed values and list defaults") {
  using mltrend::config_detail::ListIndex;
  using mltrend::config_detail::ListItems;
  CHECK(ListItems("stars,forks,") == std::vector<std::string_view>{"stars", "forks"});
  CHECK(ListItems("").empty());
  CHECK(ListItems(",a") == std::vector<std::string_view>{"", "a"});
  CHECK(ListIndex("trace,debug,info", "info") == 2);
  CHECK(ListIndex("trace,debug,info", "deb") == std::string_view::npos);
  CHECK(mltrend::config_detail::ChoiceIndex("trace,debug,info", "nope") == 0);
}
