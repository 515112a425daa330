//===----------------------------------------------------------------------===//
// framework_share — share_rules.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/status.hpp"

namespace mltrend::share {

//! How strong a piece of evidence is. A record's framework set comes from
//! its strongest grade alone: direct evidence beats a library's, which beats
//! a base model's (lineage). kNone: no evidence (unknown).
enum class Grade : uint8_t { kNone = 0, kDirect = 1, kLibrary = 2, kLineage = 3 };
inline constexpr size_t kGradeCount = 3;  //!< direct, library, lineage

//! "direct", "library", "lineage" ("none" for kNone).
std::string_view GradeName(Grade grade);
//! Inverse of GradeName for the three real grades; false otherwise.
bool ParseGrade(std::string_view text, Grade& out);

//! One `[[rule]]` table: a record whose evidence holds any listed value (any
//! case) belongs to `framework`, with the rule's `grade`. The values are
//! kept lower-cased.
struct Rule {
  std::string framework;
  //! kDirect or kLibrary (lineage is derived, never written in a rule).
  //! Optional, default direct: a rules file written before grades existed
  //! keeps loading and means what it meant (every match was direct).
  Grade grade = Grade::kDirect;
  std::vector<std::string> tags;
  std::vector<std::string> library_names;
  std::vector<std::string> topics;
  std::vector<std::string> declared;
  //! Package names a repository's manifests declare (GitHub's optional
  //! manifest scan stores them as the comma list attrs["dependencies"]).
  std::vector<std::string> dependencies;
  //! Glob patterns (`*`, `?`, `[...]`, case-insensitive) on Record::files:
  //! a pattern with a '/' matches the whole path, else the file's base name.
  std::vector<std::string> files;
  //! Record::header_formats values (a safetensors header's format).
  std::vector<std::string> header_formats;
  //! Why the rule says what it says (`note`), for /v1/rules and the report.
  //! Not matching content: a note change does not recompute.
  std::string note;
};

//! One `[[format]]` table: weight files of a format or runtime that is not a
//! framework (gguf, onnx, safetensors, ...). Matching no rule, they only
//! explain why a record is unknown ("gguf weights only").
struct WeightFormat {
  std::string name;
  std::vector<std::string> files;  //!< glob patterns, as Rule::files
  std::string note;
};

//! One top-level `[[decision]]`: a written decision about a case no single
//! rule carries (what is deliberately matched by no rule, and why).
struct Decision {
  std::string topic;
  std::string decision;
};

//! A parsed rules file: classification is data, so the sink holds no list of
//! frameworks of its own.
struct Rules {
  std::string version;       //!< the file's `version`, echoed as `rules_version`
  std::vector<Rule> rules;   //!< in file order
  std::vector<WeightFormat> formats;  //!< in file order
  std::vector<Decision> decisions;  //!< in file order
  std::string content;       //!< the raw text, as read
};

//! Parses rules text; `origin` names the file in errors, which read
//! "<origin>:<line>:<col>: <what>" and name the offending key.
mltrend::Status ParseRules(std::string_view text, const std::string& origin, Rules& out);

//! Reads and parses the rules file at `path`.
mltrend::Status LoadRules(const std::string& path, Rules& out);

//! The rules' matching content in a canonical form: every rule's framework
//! and value lists, in order. Comments, `version`, notes and decisions are
//! left out, so editing only those keeps the sink's fingerprint (no recompute).
std::string MatchingContent(const Rules& rules);

}  // namespace mltrend::share
