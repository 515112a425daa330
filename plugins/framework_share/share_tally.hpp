//===----------------------------------------------------------------------===//
// framework_share — share_tally.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "share_cell.hpp"
#include "share_classifier.hpp"

namespace mltrend::share {

//! Why a record's own files settle nothing (only set for unknown records).
enum class FileReason : uint8_t {
  kNone = 0,        //!< classified
  kNoFileList,      //!< the source listed no files (e.g. a listing without siblings)
  kNoWeightFiles,   //!< files listed, none holds weights
  kHeaderNotRead,   //!< safetensors weights, header not read yet
  kHeaderNoFormat,  //!< safetensors header read, it names no framework's format
  kFormatOnly,      //!< weights only in a format that is no framework (gguf, onnx, ...)
  kUnattributed,    //!< weight files no rule or format names
  kUnmatched,       //!< a record without files whose evidence matches no rule (GitHub, PwC)
};
//! Why lineage settles nothing (only set for unknown records).
enum class BaseReason : uint8_t {
  kNoBase = 0,     //!< no base_model tag
  kBaseNotStored,  //!< no named base is in the store
  kBaseUnknown,    //!< a base is stored, but nothing of it (or its ancestors) is known
};

//! How one record counts: its grade and framework set, or, when unknown,
//! why. Records with equal signatures are indistinguishable to every query,
//! so a cell keeps one weight sum per signature (a Tally).
struct Signature {
  Grade grade = Grade::kNone;
  FrameworkSet set = 0;
  FileReason file_reason = FileReason::kNone;
  BaseReason base_reason = BaseReason::kNoBase;
  uint8_t format = 0;  //!< kFormatOnly: index into Classifier::Formats()
  auto operator<=>(const Signature&) const = default;
};

//! "safetensors, header not read yet; base not in store": the reason of an
//! unknown signature in words ("" for a classified one).
std::string ReasonText(const Signature& signature, const std::vector<std::string>& formats);

//! What a query looks at: the evidence grades it accepts (`evidence=`) and
//! the frameworks it asks about (`among=`).
struct View {
  //! Bit g-1 for each accepted Grade; records of another grade are unknown.
  uint8_t grades = 0b111;
  //! Frameworks kept of each record's set; a record left with none is
  //! `outside`, not classified.
  FrameworkSet among = ~FrameworkSet{0};
  bool Accepts(Grade grade) const {
    return grade != Grade::kNone && (grades >> (static_cast<int>(grade) - 1)) & 1;
  }
};

//! The stored aggregate of one (source, period): weights summed per
//! signature. Every Cell figure under every View derives from it, so grade
//! splits, `evidence=` and `among=` need no further state. Zero entries are
//! dropped, so adding and taking back a record leaves an equal tally.
struct Tally {
  std::map<Signature, Measure> entries;

  void Apply(const Signature& signature, const Measure& weights, int sign);
  void Merge(const Tally& other);
  bool IsZero() const { return entries.empty(); }
  bool operator==(const Tally&) const = default;
};

//! The figures of `tally` under `view`; `frameworks` names the set bits.
Cell Evaluate(const Tally& tally, const View& view, const std::vector<std::string>& frameworks);

//! One line per signature: "<grade> <set hex> <file reason> <base reason>
//! <format> <w...>". Signatures index the rules' frameworks and formats, so
//! the text is only valid under the fingerprint it was written with.
std::string EncodeTally(const Tally& tally);
//! Inverse of EncodeTally; false (and `out` unspecified) on malformed text.
bool DecodeTally(std::string_view text, Tally& out);

}  // namespace mltrend::share
