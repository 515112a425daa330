//===----------------------------------------------------------------------===//
// mltrend fuzz targets — query_params.cpp
//===----------------------------------------------------------------------===//
// The query server's request-target parser (path and query string,
// percent-decoding). What it accepts holds no NUL and no empty name; a
// refused parameter is named.
#include "fuzz_check.hpp"
#include "mltrendd/server/query_params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  mltrendd::ParsedTarget parsed;
  std::string bad;
  if (!mltrendd::ParseTarget(Text(data, size), parsed, bad).ok()) return 0;
  Check(bad.empty(), "an accepted target names no bad parameter");
  Check(!parsed.path.empty() && parsed.path.front() == '/', "an accepted path starts with '/'");
  Check(parsed.path.find('\0') == std::string::npos, "an accepted path holds no NUL");
  for (const auto& [name, value] : parsed.params) {
    Check(!name.empty(), "an accepted parameter has a name");
    Check(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
          "an accepted parameter holds no NUL");
  }
  return 0;
}
