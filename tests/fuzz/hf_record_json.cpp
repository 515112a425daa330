//===----------------------------------------------------------------------===//
// mltrend fuzz targets — hf_record_json.cpp
//===----------------------------------------------------------------------===//
// The Hugging Face source's stored record copy (read back from its own KV
// state, which a corrupt or older store may hold in any shape). Whatever
// decodes must encode and decode to the same record.
#include "fuzz_check.hpp"
#include "hf_record_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  mltrend::Record record;
  if (!mltrend::hf::DecodeRecord(Text(data, size), record).ok()) return 0;
  mltrend::Record copy;
  Check(mltrend::hf::DecodeRecord(mltrend::hf::EncodeRecord(record), copy).ok(), "an encoded record decodes");
  Check(copy == record, "a decoded record survives EncodeRecord/DecodeRecord");
  return 0;
}
