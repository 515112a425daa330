#include <catch2/catch.hpp>

#include "mltrendd/config/config.hpp"

using namespace std::chrono_literals;

TEST_CASE("ParseDuration reads every unit and bare seconds") {
  std::chrono::milliseconds d{-1};
  CHECK(mltrendd::ParseDuration("250ms", d).ok());
  CHECK(d == 250ms);
  CHECK(mltrendd::ParseDuration("90s", d).ok());
  CHECK(d == 90s);
  CHECK(mltrendd::ParseDuration("15m", d).ok());
  CHECK(d == 15min);
  CHECK(mltrendd::ParseDuration("6h", d).ok());
  CHECK(d == 6h);
  CHECK(mltrendd::ParseDuration("2d", d).ok());
  CHECK(d == 48h);
  CHECK(mltrendd::ParseDuration("45", d).ok());
  CHECK(d == 45s);
  CHECK(mltrendd::ParseDuration("0s", d).ok());
  CHECK(d == 0ms);
}

TEST_CASE("ParseDuration rejects what it cannot read, naming the text") {
  std::chrono::milliseconds d{7};
  for (const char* bad : {"", "s", "-5s", "1.5h", "5 s", "5sec", "1h30m", "5w", " 5s"}) {
    INFO(bad);
    mltrend::Status s = mltrendd::ParseDuration(bad, d);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("\"" + std::string(bad) + "\"") != std::string::npos);
  }
  CHECK(d == 7ms);
  mltrend::Status s = mltrendd::ParseDuration("5w", d);
  CHECK(s.message() == "invalid duration \"5w\": unknown unit 'w' (use ms, s, m, h or d)");
}

TEST_CASE("ParseDuration refuses values that overflow milliseconds") {
  std::chrono::milliseconds d{0};
  CHECK_FALSE(mltrendd::ParseDuration("999999999999999999d", d).ok());
  CHECK_FALSE(mltrendd::ParseDuration("99999999999999999999999", d).ok());
  // A century at most: any clock can still add it to now without overflow.
  CHECK(mltrendd::ParseDuration("36500d", d).ok());
  CHECK(mltrendd::ParseDuration("36501d", d).message() == "invalid duration \"36501d\": too large (at most 36500d)");
  CHECK_FALSE(mltrendd::ParseDuration("106751991167d", d).ok());
}
