//===----------------------------------------------------------------------===//
// mltrendd — store/record_codec.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"
#include "mltrend/status.hpp"

namespace mltrendd {

//! The stored form of a Record: a version byte, then length-prefixed fields.
//! Compact and fast to decode; `DecodeRecord` rejects truncated or trailing
//! bytes, so `mltrendd --verify` can tell a damaged value from a good one.
void EncodeRecord(const mltrend::Record& record, std::string& out);
mltrend::Status DecodeRecord(std::string_view bytes, mltrend::Record& out);

//! The stored form of a change-log entry (without its sequence, which is the key).
void EncodeChange(const mltrend::Change& change, std::string& out);
mltrend::Status DecodeChange(std::string_view bytes, mltrend::Change& out);

}  // namespace mltrendd
