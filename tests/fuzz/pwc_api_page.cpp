//===----------------------------------------------------------------------===//
// mltrend fuzz targets — pwc_api_page.cpp
//===----------------------------------------------------------------------===//
// The Papers with Code API page parsers (`GET /papers/` and
// `GET /papers/{id}/repositories/`), both on every input: the envelope is the
// same and a page of one kind is a hostile page of the other.
#include "pwc_api_parser.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  const std::string_view body = Text(data, size);
  mltrend::pwc::ApiPage<mltrend::pwc::ApiPaper> papers;
  if (mltrend::pwc::ParsePapersPage(body, papers).ok()) {
    for (const auto& paper : papers.results) {
      Check(!paper.id.empty(), "an accepted paper has an id");
      if (paper.repositories)
        for (const auto& repository : *paper.repositories)
          Check(!repository.url.empty(), "an accepted inline repository has a url");
    }
  }
  mltrend::pwc::ApiPage<mltrend::pwc::ApiRepository> repositories;
  if (mltrend::pwc::ParseRepositoriesPage(body, repositories).ok()) {
    for (const auto& repository : repositories.results) Check(!repository.url.empty(), "an accepted repository has a url");
  }
  return 0;
}
