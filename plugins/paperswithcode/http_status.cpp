#include "http_status.hpp"

#include <chrono>

#include "error_text.hpp"

namespace mltrend::pwc {

Status CheckStatus(const HttpResponse& response, const std::string& url) {
  if (response.status >= 200 && response.status < 300) return Status::Ok();
  const std::string what = "GET " + url + " answered " + std::to_string(response.status);
  if (response.status == 429 || response.status == 503) {
    std::chrono::seconds wait(60);
    if (auto retry = response.headers.Get("Retry-After")) {
      try {
        const long long n = std::stoll(*retry);
        if (n >= 0) wait = std::chrono::seconds(n);
      } catch (...) {
        // An HTTP-date Retry-After: keep the default wait.
      }
    }
    return Status::RateLimited(what, wait);
  }
  return Status::IoError(what + ": " + plugin_text::BodySnippet(response.body));
}

}  // namespace mltrend::pwc
