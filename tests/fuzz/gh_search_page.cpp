//===----------------------------------------------------------------------===//
// mltrend fuzz targets — gh_search_page.cpp
//===----------------------------------------------------------------------===//
// The GitHub `GET /search/repositories` page parser.
#include "fuzz_check.hpp"
#include "gh_search_page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  mltrend::gh::SearchPage page;
  if (!mltrend::gh::ParseSearchPage(Text(data, size), page).ok()) return 0;
  for (const mltrend::Record& record : page.records) {
    Check(!record.id.empty() && !record.name.empty(), "an accepted repository has an id and a name");
    Check(record.id.find_first_not_of("0123456789") == std::string::npos, "a repository id is decimal");
  }
  return 0;
}
