//===----------------------------------------------------------------------===//
// mltrendd — http/gzip.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrendd::http_detail {

//! Decompresses a gzip body (one or more concatenated members) into `out`.
//! Refuses output beyond `max_bytes`, so a small compressed bomb cannot
//! exhaust memory; Invalid for corrupt or truncated input. The message says
//! what went wrong, without naming the URL (the caller adds it).
mltrend::Status GunzipBody(std::string_view compressed, size_t max_bytes, std::string& out);

}  // namespace mltrendd::http_detail
