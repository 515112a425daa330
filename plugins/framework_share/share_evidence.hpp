//===----------------------------------------------------------------------===//
// framework_share — share_evidence.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "share_classifier.hpp"
#include "share_tally.hpp"
#include "mltrend/record.hpp"

namespace mltrend::share {

//! The key lineage finds a record by: its name in ASCII lower case (Hub
//! repository ids compare case-insensitively).
std::string LineageName(std::string_view name);

//! The base models a record's tags name, as LineageName keys, sorted and
//! unique: `base_model:<repo>` and `base_model:<relation>:<repo>` for the
//! relations finetune, adapter, quantized and merge (a repository id holds no
//! ':', so any other prefix is read as part of the name and finds nothing).
std::vector<std::string> BaseNames(const mltrend::Record& record);

//! What the sink reads from one record on its own, before lineage.
struct OwnEvidence {
  Own own;
  std::vector<std::string> bases;  //!< BaseNames
  //! Why the record's own files settle nothing (kNone when `own` has a set).
  FileReason file_reason = FileReason::kNone;
  uint8_t format = 0;  //!< with kFormatOnly: the first format found, in rules order
};

//! Classifies `record` and, when that finds nothing, says why in terms of
//! its files: no list, no weights, a safetensors header not read or naming
//! no framework (the `[[format]]` named "safetensors"), weights only in a
//! format, weights nothing names; records without tags or files (GitHub,
//! Papers with Code) whose evidence matches no rule are kUnmatched.
OwnEvidence ReadOwnEvidence(const Classifier& classifier, const mltrend::Record& record);

}  // namespace mltrend::share
