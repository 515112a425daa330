//===----------------------------------------------------------------------===//
// mltrend fuzz targets — rules.cpp
//===----------------------------------------------------------------------===//
// The framework_share rules file (TOML): ParseRules, then the classifier
// built from what it accepted, which must put a record carrying a rule's tag,
// topic or file in that rule's framework at that rule's grade, and classify
// it by its strongest grade.
#include <algorithm>

#include "share_classifier.hpp"
#include "share_rules.hpp"
#include "fuzz_check.hpp"

namespace {

mltrend::share::FrameworkSet Bit(const mltrend::share::Classifier& classifier, const std::string& framework) {
  const auto& names = classifier.Frameworks();
  const auto at = std::find(names.begin(), names.end(), framework);
  mltrend_fuzz::Check(at != names.end(), "every rule's framework is among the classifier's frameworks");
  return mltrend::share::FrameworkSet{1} << (at - names.begin());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  mltrend::share::Rules rules;
  if (!mltrend::share::ParseRules(Text(data, size), "fuzz.toml", rules).ok()) return 0;
  (void)mltrend::share::MatchingContent(rules);
  mltrend::share::Classifier classifier;
  if (!mltrend::share::Classifier::Build(rules, classifier).ok()) return 0;
  for (const mltrend::share::Rule& rule : rules.rules) {
    mltrend::Record record;
    if (!rule.tags.empty()) record.tags = {rule.tags.front()};
    if (!rule.topics.empty()) record.topics = {rule.topics.front()};
    // A literal file name (no glob characters) matches its own pattern.
    if (!rule.files.empty() && rule.files.front().find_first_of("*?[\\") == std::string::npos)
      record.files = {rule.files.front()};
    if (record.tags.empty() && record.topics.empty() && record.files.empty()) continue;
    const mltrend::share::GradedSets evidence = classifier.Evidence(record);
    const mltrend::share::FrameworkSet graded =
        rule.grade == mltrend::share::Grade::kLibrary ? evidence.library : evidence.direct;
    Check((graded & Bit(classifier, rule.framework)) != 0,
          "a record with a rule's tag, topic or file is in that rule's framework at the rule's grade");
    const mltrend::share::Own own = classifier.Classify(record);
    Check(own.set == (evidence.direct ? evidence.direct : evidence.library),
          "a record is classified by its strongest grade alone");
  }
  return 0;
}
