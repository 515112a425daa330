#include <catch2/catch.hpp>

#include "mltrendd/runtime/backoff.hpp"

using namespace std::chrono_literals;
using mltrendd::NextRunPolicy;

TEST_CASE("after success the next run is the interval plus a share of the jitter") {
  NextRunPolicy p{6h, 30s, 30s, 1h};
  CHECK(p.AfterSuccess(0.0) == 6h);
  CHECK(p.AfterSuccess(0.5) == 6h + 15s);
  CHECK(p.AfterSuccess(1.0) == 6h + 30s);
  CHECK(p.AfterSuccess(7.0) == 6h + 30s);  // clamped
}

TEST_CASE("failures back off exponentially up to the cap") {
  NextRunPolicy p{6h, 0s, 30s, 5min};
  CHECK(p.AfterFailure(1, std::nullopt) == 30s);
  CHECK(p.AfterFailure(2, std::nullopt) == 60s);
  CHECK(p.AfterFailure(3, std::nullopt) == 120s);
  CHECK(p.AfterFailure(4, std::nullopt) == 240s);
  CHECK(p.AfterFailure(5, std::nullopt) == 5min);
  CHECK(p.AfterFailure(60, std::nullopt) == 5min);  // no overflow after many failures
}

TEST_CASE("a wait the server asked for is never shortened, even beyond the cap") {
  NextRunPolicy p{6h, 0s, 30s, 5min};
  CHECK(p.AfterFailure(1, 10s) == 30s);       // backoff already longer
  CHECK(p.AfterFailure(1, 120s) == 120s);     // Retry-After: 120
  CHECK(p.AfterFailure(9, 2h) == 2h);         // rate-limit reset far away
  CHECK(p.AfterFailure(1, std::chrono::seconds(INT64_MAX / 2)) == NextRunPolicy::kMaxServerWait);
}
