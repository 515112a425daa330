//===----------------------------------------------------------------------===//
// tests — replay/render.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mltrend_test/replay_server.hpp"

namespace mltrend_test::replay_detail {

//! `text` with every `{{base_url}}` replaced by `base_url`.
std::string SubstituteBaseUrl(std::string_view text, const std::string& base_url);

//! `text` with every `{{now}}`, `{{now+N}}` and `{{now-N}}` replaced by the
//! decimal epoch seconds `now_epoch` (plus or minus N). Malformed placeholders
//! are left as they are.
std::string SubstituteNow(std::string_view text, int64_t now_epoch);

//! `body` as one gzip member (what a server sends with Content-Encoding: gzip).
std::string GzipCompress(std::string_view body);

//! The exchange's response as bytes on the wire: status line, its headers
//! (minus the framing ones, which the server writes itself), Content-Length
//! and Connection. The body is gzipped when the exchange asks for it and
//! `accepts_gzip`.
std::string RenderResponse(const Exchange& exchange, bool keep_alive, bool accepts_gzip);

//! The 404 an unknown method+target gets: a JSON error naming what was asked.
Exchange NotFoundExchange(const std::string& method, const std::string& target);

}  // namespace mltrend_test::replay_detail
