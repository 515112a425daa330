//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_safetensors_header.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::hf {

//! A .safetensors file starts with an 8-byte little-endian unsigned length
//! N, then N bytes of JSON: an object mapping tensor names to
//! {dtype, shape, data_offsets}, plus an optional "__metadata__" that is an
//! object of strings or null. The saving framework writes its name in
//! `__metadata__.format` ("pt", "tf", "flax", "mlx", ...).
inline constexpr size_t kSafetensorsLengthBytes = 8;

//! The header length from the file's first bytes (at least 8; only the
//! first 8 are read). Invalid when fewer than 8 bytes, N is 0, or N is over
//! `max_bytes`, the message giving N and the limit.
Status ParseSafetensorsLength(std::string_view first_bytes, uint64_t max_bytes, uint64_t& length);

//! `__metadata__.format` of a header's JSON text: the string when present;
//! nullopt when `__metadata__` is absent or null, or has no `format` (or a
//! null one). Invalid when the text is not one JSON object (truncated,
//! malformed, trailing content, another type), `__metadata__` is neither an
//! object nor null, or `format` is not a string. The tensor entries are
//! checked only for being valid JSON: their order and content do not matter
//! here.
Status ParseSafetensorsFormat(std::string_view header_json, std::optional<std::string>& format);

//! Both steps on a file prefix holding at least 8 + N bytes (what the two
//! Range requests give together); Invalid when it is shorter.
Status ParseSafetensorsPrefix(std::string_view prefix, uint64_t max_bytes, std::optional<std::string>& format);

}  // namespace mltrend::hf
