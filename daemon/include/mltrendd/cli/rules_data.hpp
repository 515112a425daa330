//===----------------------------------------------------------------------===//
// mltrendd — cli/rules_data.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrendd {

//! One rule of a /v1/rules answer: a framework and the evidence naming it.
struct RuleEntry {
  std::string framework;
  //! ("tags", [..]), ("library_names", [..]), ... in answer order; empty lists left out.
  std::vector<std::pair<std::string, std::vector<std::string>>> evidence;
  std::string note;
  std::string grade;  //!< "direct" or "library"; empty from a daemon before grades
};

//! A /v1/rules answer: {"sink","version","rules":[..],"decisions":[..]}
//! (note and decisions optional).
struct RulesData {
  std::string sink, version;
  std::vector<RuleEntry> rules;
  std::vector<std::string> decisions;
};

//! Parses a /v1/rules JSON answer; invalid JSON or no "rules" array is an error.
mltrend::Status ParseRulesAnswer(const std::string& json, RulesData& out);

}  // namespace mltrendd
