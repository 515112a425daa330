//===----------------------------------------------------------------------===//
// framework_share — classifier.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "framework_share/rules.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace framework_share {

//! A set of frameworks, bit i standing for Classifier::Frameworks()[i].
using FrameworkSet = uint64_t;

//! Applies a rules file to records: the framework set of a record is the
//! union of the frameworks of every rule one of its evidence values matches.
//! Immutable once built; lookups are hash probes, one per evidence value.
class Classifier {
 public:
  //! Fails when the rules name more frameworks than a FrameworkSet holds.
  static mltrend::Status Build(const Rules& rules, Classifier& out);

  FrameworkSet Classify(const mltrend::Record& record) const;
  //! Distinct framework names in order of first appearance in the rules.
  const std::vector<std::string>& Frameworks() const { return frameworks_; }

 private:
  using Index = std::unordered_map<std::string, FrameworkSet>;
  static FrameworkSet Lookup(const Index& index, const std::vector<std::string>& values);
  //! Lookup over a comma-separated attribute (attrs["dependencies"]).
  static FrameworkSet LookupList(const Index& index, const mltrend::Record& record, const std::string& attr);

  std::vector<std::string> frameworks_;
  Index tags_;
  Index library_names_;
  Index topics_;
  Index declared_;
  Index dependencies_;
};

}  // namespace framework_share
