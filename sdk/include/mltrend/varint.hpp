//===----------------------------------------------------------------------===//
// mltrend SDK — varint.hpp
//===----------------------------------------------------------------------===//
// LEB128 varints and zig-zag signed integers: the building blocks of the
// daemon's record encoding and of any plugin state that wants compact,
// versionable bytes. Header-only; no part of the plugin ABI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mltrend {

//! Appends `v` in 1 to 10 bytes, 7 bits each, low first.
inline void PutVarint(std::string& out, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

//! Appends the length of `s` as a varint, then its bytes.
inline void PutLengthPrefixed(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s.data(), s.size());
}

//! Why ReadVarint failed.
enum class VarintError { kNone, kTruncated, kOverflow };

//! Reads one varint of `bytes` at `pos`, advancing it. Fails on bytes that
//! end inside the varint or on a value past 64 bits (`pos` is then
//! unspecified).
inline VarintError ReadVarint(std::string_view bytes, size_t& pos, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= bytes.size()) return VarintError::kTruncated;
    const auto b = static_cast<uint8_t>(bytes[pos++]);
    if (shift == 63 && b > 1) return VarintError::kOverflow;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return VarintError::kNone;
  }
  return VarintError::kOverflow;
}

//! Signed to unsigned so that small magnitudes of either sign stay short.
inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace mltrend
