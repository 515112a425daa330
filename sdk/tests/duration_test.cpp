#include <catch2/catch.hpp>

#include "mltrend/config_reader.hpp"

using namespace std::chrono_literals;

TEST_CASE("ParseDuration reads every unit and bare seconds") {
  std::chrono::milliseconds d{-1};
  CHECK(mltrend::ParseDuration("250ms", d).ok());
  CHECK(d == 250ms);
  CHECK(mltrend::ParseDuration("90s", d).ok());
  CHECK(d == 90s);
  CHECK(mltrend::ParseDuration("15m", d).ok());
  CHECK(d == 15min);
  CHECK(mltrend::ParseDuration("6h", d).ok());
  CHECK(d == 6h);
  CHECK(mltrend::ParseDuration("2d", d).ok());
  CHECK(d == 48h);
  CHECK(mltrend::ParseDuration("45", d).ok());
  CHECK(d == 45s);
  CHECK(mltrend::ParseDuration("0s", d).ok());
  CHECK(d == 0ms);
}

TEST_CASE("ParseDuration rejects what it cannot read, naming the text") {
  std::chrono::milliseconds d{7};
  for (const char* bad : {"", "s", "-5s", "1.5h", "5 s", "5sec", "1h30m", "5w", " 5s"}) {
    INFO(bad);
    mltrend::Status s = mltrend::ParseDuration(bad, d);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("\"" + std::string(bad) + "\"") != std::string::npos);
  }
  CHECK(d == 7ms);
  mltrend::Status s = mltrend::ParseDuration("5w", d);
  CHECK(s.message() == "invalid duration \"5w\": unknown unit 'w' (use ms, s, m, h or d)");
}

TEST_CASE("ParseDuration refuses values that overflow milliseconds") {
  std::chrono::milliseconds d{0};
  CHECK_FALSE(mltrend::ParseDuration("999999999999999999d", d).ok());
  CHECK_FALSE(mltrend::ParseDuration("99999999999999999999999", d).ok());
  // A century at most: any clock can still add it to now without overflow.
  CHECK(mltrend::ParseDuration("36500d", d).ok());
  CHECK(mltrend::ParseDuration("36501d", d).message() == "invalid duration \"36501d\": too large (at most 36500d)");
  CHECK_FALSE(mltrend::ParseDuration("106751991167d", d).ok());
}
