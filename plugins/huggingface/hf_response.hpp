//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_response.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend::hf {

//! The Hub's `RateLimit: "api";r=<remaining>;t=<seconds>` header (the IETF
//! draft's structured form; the older `remaining=`/`reset=` names are read
//! too). Only the first policy listed is read.
struct RateLimitInfo {
  std::optional<long> remaining;
  std::optional<std::chrono::seconds> reset;  //!< seconds until the window resets
};
RateLimitInfo ParseRateLimit(std::string_view header);

//! The Hub's `RateLimit-Policy: "fixed window";"api";q=<quota>;w=<seconds>`
//! (names without '=' are skipped). Only the first policy listed is read.
struct RateLimitPolicy {
  std::optional<long> quota;                   //!< requests per window
  std::optional<std::chrono::seconds> window;  //!< the window's length
};
RateLimitPolicy ParseRateLimitPolicy(std::string_view header);

//! A `Retry-After` value: delta-seconds, or an IMF-fixdate
//! ("Sun, 06 Nov 1994 08:49:37 GMT") taken relative to `now` (a date in the
//! past means 0). nullopt when it is neither.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value,
                                                     std::chrono::system_clock::time_point now);

//! What an answer to `GET url` means for the run:
//!   2xx       Ok (parse the body)
//!   429       RateLimited, waiting the longer of Retry-After and RateLimit t=
//!   408, 5xx  IoError naming the status and the URL (worth retrying later),
//!             with Retry-After's wait when the server gave one
//!   other 4xx Invalid naming the status and the URL
//!   anything else (an unfollowed 3xx, 1xx) IoError
Status CheckResponse(const HttpResponse& response, std::string_view url,
                     std::chrono::system_clock::time_point now);

}  // namespace mltrend::hf
