//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — http_status.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/http.hpp"
#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! Ok for a 2xx answer. 429 and 503 with Retry-After (seconds) become
//! RateLimited with that wait (60 s when absent); any other status is an
//! IoError naming `url`, the status and the start of the body.
Status CheckStatus(const HttpResponse& response, const std::string& url);

}  // namespace mltrend::pwc
