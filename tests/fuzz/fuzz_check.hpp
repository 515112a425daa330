//===----------------------------------------------------------------------===//
// mltrend fuzz targets — fuzz_check.hpp
//===----------------------------------------------------------------------===//
// What the targets share: turning the fuzzer's bytes into text, and a check
// that aborts (a libFuzzer crash with the input saved) when a property the
// code promises does not hold, so a fuzz run finds wrong answers as well as
// memory errors.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace mltrend_fuzz {

inline std::string_view Text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

//! Aborts with `what` when `ok` is false.
inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

}  // namespace mltrend_fuzz
