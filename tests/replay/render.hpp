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

//! `exchange` as a static file server answers a request carrying
//! `Range: <range>`: a 200 with a single satisfiable range `bytes=a-b`,
//! `bytes=a-` or `bytes=-n` becomes a 206 with that slice of the body and
//! `Content-Range: bytes a-b/size` (b clipped to the last byte, never
//! gzipped); a range starting at or past the end (or `bytes=-0`) becomes a
//! 416 with `Content-Range: bytes */size` and no body. Anything else (no
//! Range, another status, several ranges, another unit, a malformed value)
//! is returned unchanged: RFC 9110 lets a server ignore a Range it does not
//! serve.
Exchange ApplyRange(Exchange exchange, std::string_view range);

//! The 404 an unknown method+target gets: a JSON error naming what was asked.
Exchange NotFoundExchange(const std::string& method, const std::string& target);

}  // namespace mltrend_test::replay_detail
