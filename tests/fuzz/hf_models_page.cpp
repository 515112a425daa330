//===----------------------------------------------------------------------===//
// mltrend fuzz targets — hf_models_page.cpp
//===----------------------------------------------------------------------===//
// The Hugging Face `GET /api/models` page parser. Each record it accepts must
// also survive the JSON copy the source keeps while a model waits for its
// first-commit date (EncodeRecord/DecodeRecord give back the same record).
#include "fuzz_check.hpp"
#include "hf_page_parser.hpp"
#include "hf_record_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  mltrend::hf::ParsedPage page;
  if (!mltrend::hf::ParseModelsPage(Text(data, size), page).ok()) return 0;
  for (const mltrend::Record& record : page.records) {
    Check(!record.id.empty() && !record.name.empty(), "an accepted model has an id and a name");
    mltrend::Record copy;
    Check(mltrend::hf::DecodeRecord(mltrend::hf::EncodeRecord(record), copy).ok(), "an encoded record decodes");
    Check(copy == record, "a record survives EncodeRecord/DecodeRecord");
  }
  return 0;
}
