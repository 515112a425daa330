//===----------------------------------------------------------------------===//
// mltrend fuzz targets — hf_safetensors_header.cpp
//===----------------------------------------------------------------------===//
// The safetensors header parser the Hugging Face source runs on bytes a
// server sent for a Range request: a prefix (8-byte length + JSON header).
// An accepted length is within the limit and non-zero; an accepted prefix
// agrees with the two steps run one after the other.
#include "fuzz_check.hpp"
#include "hf_safetensors_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  namespace hf = mltrend::hf;
  const std::string_view bytes = Text(data, size);
  constexpr uint64_t kLimit = 1 << 20;
  uint64_t length = 0;
  const bool length_ok = hf::ParseSafetensorsLength(bytes, kLimit, length).ok();
  if (length_ok) Check(length > 0 && length <= kLimit, "an accepted length is within 1..limit");
  std::optional<std::string> format;
  const bool prefix_ok = hf::ParseSafetensorsPrefix(bytes, kLimit, format).ok();
  if (!prefix_ok) {
    Check(!format, "a refused prefix gives no format");
    return 0;
  }
  Check(length_ok && bytes.size() >= 8 + length, "an accepted prefix holds its whole header");
  std::optional<std::string> again;
  Check(hf::ParseSafetensorsFormat(bytes.substr(8, length), again).ok() && again == format,
        "the prefix parse equals the header parse");
  return 0;
}
