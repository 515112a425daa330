//===----------------------------------------------------------------------===//
// mltrend web-source kit — rate_headers.hpp
//===----------------------------------------------------------------------===//
// What a server says about when to ask again: Retry-After, the IETF draft's
// RateLimit / RateLimit-Policy (the Hugging Face Hub) and the older
// X-RateLimit-* family (GitHub). Every source reads them here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mltrend/http.hpp"

namespace mltrend::web {

//! A `Retry-After` value: delta-seconds, or an IMF-fixdate
//! ("Sun, 06 Nov 1994 08:49:37 GMT") taken relative to `now` (a date in the
//! past means 0). nullopt when it is neither (a negative number included).
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now);

//! `RateLimit: "api";r=<remaining>;t=<seconds>` (the older `remaining=` /
//! `reset=` names are read too). Only the first policy listed is read.
struct RateLimitInfo {
  std::optional<long> remaining;
  std::optional<std::chrono::seconds> reset;  //!< seconds until the window resets
};
RateLimitInfo ParseRateLimit(std::string_view header);

//! `RateLimit-Policy: "fixed window";"api";q=<quota>;w=<seconds>` (names
//! without '=' are skipped). Only the first policy listed is read.
struct RateLimitPolicy {
  std::optional<long> quota;                   //!< requests per window
  std::optional<std::chrono::seconds> window;  //!< the window's length
};
RateLimitPolicy ParseRateLimitPolicy(std::string_view header);

//! Everything a response says about its budget; header names compare
//! case-insensitively.
struct RateHeaders {
  std::optional<long> remaining;  //!< X-RateLimit-Remaining, else RateLimit r=
  std::optional<long> reset;      //!< X-RateLimit-Reset (epoch seconds)
  std::optional<long> limit;      //!< X-RateLimit-Limit
  std::string resource;           //!< X-RateLimit-Resource ("core", "search"), "" when absent
  std::optional<std::chrono::seconds> retry_after;  //!< Retry-After, either form
  std::optional<std::chrono::seconds> window_reset;  //!< RateLimit t=
};
RateHeaders ReadRateHeaders(const Headers& headers, std::chrono::system_clock::time_point now);

//! Seconds until `reset_epoch`, at least 1.
std::chrono::seconds UntilReset(long reset_epoch, std::chrono::system_clock::time_point now);

}  // namespace mltrend::web
