//===----------------------------------------------------------------------===//
// mltrendd — store/record_codec.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"
#include "mltrend/status.hpp"

namespace mltrendd {

//! The stored form of a Record: a version byte, then length-prefixed fields.
//! Compact and fast to decode; `DecodeRecord` rejects truncated or trailing
//! bytes, so `mltrendd --verify` can tell a damaged value from a good one.
//!
//! Layout (version 1), every length and count a LEB128 varint:
//!   0x01, id, name, date, period_override        (each: length, bytes)
//!   tags, library_names, topics, declared         (each: count, then strings)
//!   metrics: count, then (key, zigzag varint value) in ascending key order
//!   attrs:   count, then (key, value) in ascending key order
//! The encoding of a Record is deterministic, so two records are equal
//! exactly when their encodings are byte-identical (the store relies on it
//! to detect unchanged records without decoding them).
//!
//! `EncodeRecord` replaces the content of `out`.
void EncodeRecord(const mltrend::Record& record, std::string& out);
//! Fails with kInvalidInput on an unknown version, a truncated field, map
//! keys out of order or bytes after the last field; `out` is then unspecified.
mltrend::Status DecodeRecord(std::string_view bytes, mltrend::Record& out);

//! The stored form of a change-log entry (without its sequence, which is the key).
//!
//! Layout (version 1): 0x01, source, id (each: varint length, bytes), a flags
//! byte (bit 0: before present, bit 1: after present, other bits zero), then
//! for each present side a varint length and that side's encoded Record.
//!
//! `EncodeChange` replaces the content of `out`; `change.seq` is not stored.
void EncodeChange(const mltrend::Change& change, std::string& out);
//! Fails like DecodeRecord, also when a nested record fails to decode.
//! Sets `out.seq` to 0: the caller takes it from the change-log key.
mltrend::Status DecodeChange(std::string_view bytes, mltrend::Change& out);

//! Appends the encoding of `record` to `out` (EncodeRecord without the
//! clear), so a caller can pack many records into one buffer.
void AppendRecord(const mltrend::Record& record, std::string& out);
//! Appends a change entry whose sides are already encoded records (the
//! store's hot path: it never decodes the previous version just to log it).
void AppendEncodedChange(std::string_view source, std::string_view id,
                         std::optional<std::string_view> encoded_before,
                         std::optional<std::string_view> encoded_after, std::string& out);

}  // namespace mltrendd
