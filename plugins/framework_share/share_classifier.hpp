//===----------------------------------------------------------------------===//
// framework_share — share_classifier.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "share_file_glob.hpp"
#include "share_rules.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend::share {

//! A set of frameworks, bit i standing for Classifier::Frameworks()[i].
using FrameworkSet = uint64_t;

//! What a record's own evidence says, per grade: the union of the
//! frameworks of every matching rule of that grade.
struct GradedSets {
  FrameworkSet direct = 0;
  FrameworkSet library = 0;
  GradedSets& operator|=(const GradedSets& o) {
    direct |= o.direct;
    library |= o.library;
    return *this;
  }
};

//! A record's own classification: its strongest grade with evidence and
//! that grade's set (kNone and 0 when no rule matched).
struct Own {
  Grade grade = Grade::kNone;
  FrameworkSet set = 0;
  bool operator==(const Own&) const = default;
};

//! One piece of evidence a rule matched, for `/v1/explain`.
struct EvidenceMatch {
  std::string framework;
  std::string channel;  //!< "tags", "library_names", "topics", "declared", "dependencies", "files", "header_formats"
  std::string value;    //!< the record's value as stored
  std::string pattern;  //!< files only: the rule's glob that matched
  Grade grade = Grade::kDirect;
};

//! Applies a rules file to records. Immutable once built; a lookup is one
//! hash probe per evidence value and, for files, a few glob matches.
class Classifier {
 public:
  //! Fails when the rules name more frameworks (or formats) than 64.
  static mltrend::Status Build(const Rules& rules, Classifier& out);

  //! Every rule's frameworks the record's evidence matches, by grade.
  GradedSets Evidence(const mltrend::Record& record) const;
  //! The strongest grade of Evidence(record) and its set: direct evidence
  //! alone decides when there is any (a `tf`-tagged transformers model is
  //! TensorFlow, not PyTorch through its library), else library evidence.
  Own Classify(const mltrend::Record& record) const { return Strongest(Evidence(record)); }
  static Own Strongest(const GradedSets& sets);
  //! Every (framework, channel, value) a rule matched, in channel order.
  std::vector<EvidenceMatch> Explain(const mltrend::Record& record) const;
  //! Bit i set when one of the record's files matches Formats()[i].
  uint64_t FormatsOf(const mltrend::Record& record) const;

  //! Distinct framework names in order of first appearance in the rules.
  const std::vector<std::string>& Frameworks() const { return frameworks_; }
  //! The `[[format]]` names, in file order.
  const std::vector<std::string>& Formats() const { return formats_; }

 private:
  using Index = std::unordered_map<std::string, GradedSets>;
  struct Channel {
    std::string_view name;
    Index index;
  };
  //! The channels, in the order Explain lists them.
  enum { kTags, kLibraryNames, kTopics, kDeclared, kDependencies, kHeaderFormats, kChannelCount };
  //! The values of `record` a channel reads.
  static void ValuesOf(const mltrend::Record& record, int channel, std::vector<std::string_view>& out);
  template <typename F>
  void ForEachFileMatch(const mltrend::Record& record, F&& found) const;

  std::vector<std::string> frameworks_;
  std::vector<std::string> formats_;
  Channel channels_[kChannelCount];
  FileGlobs files_;
  //! Per FileGlobs id: the pattern, its grade and framework bit.
  struct FilePattern {
    std::string pattern;
    Grade grade = Grade::kDirect;
    FrameworkSet set = 0;
  };
  std::vector<FilePattern> file_patterns_;
  FileGlobs format_files_;
};

}  // namespace mltrend::share
