//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_record_json.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend::hf {

//! A Record as JSON, for the copy of a model waiting for first-commit
//! enrichment in the source's state (the source cannot read the store's
//! records, and re-emitting a model must not lose what the crawl stored):
//!   {"id":..,"name":..,"date":..,"period_override":..,"tags":[..],
//!    "library_names":[..],"topics":[..],"declared":[..],"files":[..],
//!    "header_formats":[..],
//!    "metrics":{"downloads":1},"attrs":{"createdAt":".."}}
std::string EncodeRecord(const Record& record);
//! Invalid unless `text` is what EncodeRecord writes (every key present,
//! of its type; files and header_formats may be absent, as in copies
//! stored before they existed).
Status DecodeRecord(std::string_view text, Record& out);

}  // namespace mltrend::hf
