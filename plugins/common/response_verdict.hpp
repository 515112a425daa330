//===----------------------------------------------------------------------===//
// mltrend web-source kit — response_verdict.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <string_view>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend::web {

//! The wait of a rate-limited answer that names none (GitHub's documented
//! advice: at least a minute). The scheduler waits at least its own
//! backoff_initial anyway; this is the floor a source's own budget keeps.
inline constexpr std::chrono::seconds kDefaultRateLimitWait{60};

//! What an answer to `GET url` means for the run (every source's rule):
//!   2xx        Ok (parse the body)
//!   429        RateLimited
//!   403        RateLimited when it carries a sign of a limit (Retry-After,
//!              remaining 0, "rate limit" or "abuse" in the body), else
//!              Invalid "(forbidden, not a rate limit)"
//!   408, 5xx   IoError (worth retrying later), with Retry-After's wait
//!              when the server gave one (503 included: a server that is
//!              down is not a budget this client spent)
//!   other 4xx  Invalid
//!   otherwise  IoError (an unfollowed 3xx, a 1xx)
//! A rate limit waits the longest of Retry-After (seconds or HTTP-date),
//! RateLimit t= and, when remaining is 0, X-RateLimit-Reset; with none,
//! kDefaultRateLimitWait. Messages start "GET <url> answered HTTP <code>";
//! a failure's ends with the start of the body (BodySnippet).
Status CheckResponse(const HttpResponse& response, std::string_view url, std::chrono::system_clock::time_point now);

}  // namespace mltrend::web
