//===----------------------------------------------------------------------===//
// mltrend web-source kit — response_verdict.cpp
//===----------------------------------------------------------------------===//
#include "response_verdict.hpp"

#include <cctype>
#include <string>

#include "error_text.hpp"
#include "rate_headers.hpp"

namespace mltrend::web {

namespace {

bool MentionsLimit(std::string body) {
  for (char& c : body) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return body.find("rate limit") != std::string::npos || body.find("abuse") != std::string::npos;
}

//! ": <start of the body>", or "" for an empty body.
std::string Snippet(const std::string& body) {
  std::string text = plugin_text::BodySnippet(body);
  return text.empty() ? text : ": " + text;
}

Status Limited(const std::string& where, const RateHeaders& rate, std::chrono::system_clock::time_point now) {
  const bool spent = rate.remaining && *rate.remaining == 0;
  std::optional<std::chrono::seconds> wait;
  std::string why;
  auto consider = [&](std::optional<std::chrono::seconds> candidate, const char* name) {
    if (candidate && (!wait || *candidate > *wait)) {
      wait = candidate;
      why = name;
    }
  };
  consider(rate.retry_after, "Retry-After");
  consider(rate.window_reset, "RateLimit reset");
  if (spent && rate.reset) consider(UntilReset(*rate.reset, now), "remaining 0 until the reset");
  if (!wait) {
    wait = kDefaultRateLimitWait;
    why = spent ? "remaining 0, no reset given, backing off" : "no wait given, backing off";
  }
  return Status::RateLimited(where + " (rate limited, " + why + ": retry in " + std::to_string(wait->count()) + "s)",
                             wait);
}

}  // namespace

Status CheckResponse(const HttpResponse& response, std::string_view url, std::chrono::system_clock::time_point now) {
  const int code = response.status;
  if (code >= 200 && code < 300) return Status::Ok();
  const std::string where = "GET " + std::string(url) + " answered HTTP " + std::to_string(code);
  const RateHeaders rate = ReadRateHeaders(response.headers, now);
  if (code == 429) return Limited(where, rate, now);
  if (code == 403) {
    const bool spent = rate.remaining && *rate.remaining == 0;
    if (rate.retry_after || spent || MentionsLimit(response.body)) return Limited(where, rate, now);
    return Status::Invalid(where + " (forbidden, not a rate limit)" + Snippet(response.body));
  }
  if (code == 408 || (code >= 500 && code < 600))
    return Status::IoError(where + Snippet(response.body)).WithRetryAfter(rate.retry_after);
  if (code >= 400 && code < 500) return Status::Invalid(where + Snippet(response.body));
  return Status::IoError(where + ", which the source does not handle");
}

}  // namespace mltrend::web
