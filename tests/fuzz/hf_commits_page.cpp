//===----------------------------------------------------------------------===//
// mltrend fuzz targets — hf_commits_page.cpp
//===----------------------------------------------------------------------===//
// The Hugging Face commits page parser (`GET /api/models/{id}/commits/main`,
// read for the first-commit date of models at the createdAt floor).
#include <optional>
#include <string>

#include "fuzz_check.hpp"
#include "hf_enrich.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  std::optional<std::string> oldest;
  if (!mltrend::hf::ParseCommitsPage(Text(data, size), oldest).ok()) return 0;
  if (oldest) Check(!oldest->empty(), "a commit date is not empty");
  return 0;
}
