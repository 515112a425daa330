//===----------------------------------------------------------------------===//
// framework_share — classifier.cpp
//===----------------------------------------------------------------------===//
#include "framework_share/classifier.hpp"

#include <algorithm>

#include "framework_share/text.hpp"

namespace framework_share {

mltrend::Status Classifier::Build(const Rules& rules, Classifier& out) {
  out = Classifier{};
  for (const Rule& rule : rules.rules) {
    auto it = std::find(out.frameworks_.begin(), out.frameworks_.end(), rule.framework);
    size_t bit = static_cast<size_t>(it - out.frameworks_.begin());
    if (it == out.frameworks_.end()) {
      if (out.frameworks_.size() == 64)
        return mltrend::Status::Invalid("rules file names more than 64 frameworks; '" + rule.framework +
                                        "' is the 65th");
      out.frameworks_.push_back(rule.framework);
    }
    FrameworkSet mask = FrameworkSet{1} << bit;
    for (const auto& v : rule.tags) out.tags_[v] |= mask;
    for (const auto& v : rule.library_names) out.library_names_[v] |= mask;
    for (const auto& v : rule.topics) out.topics_[v] |= mask;
    for (const auto& v : rule.declared) out.declared_[v] |= mask;
    for (const auto& v : rule.dependencies) out.dependencies_[v] |= mask;
  }
  return mltrend::Status::Ok();
}

FrameworkSet Classifier::Lookup(const Index& index, const std::vector<std::string>& values) {
  FrameworkSet set = 0;
  if (index.empty()) return set;
  std::string key;
  for (const auto& value : values) {
    NormaliseEvidenceInto(value, key);
    auto it = index.find(key);
    if (it != index.end()) set |= it->second;
  }
  return set;
}

FrameworkSet Classifier::LookupList(const Index& index, const mltrend::Record& record, const std::string& attr) {
  if (index.empty()) return 0;
  auto it = record.attrs.find(attr);
  if (it == record.attrs.end() || it->second.empty()) return 0;
  std::vector<std::string> values;
  std::string_view text = it->second;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    values.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return Lookup(index, values);
}

FrameworkSet Classifier::Classify(const mltrend::Record& record) const {
  static const std::string kDependencies = "dependencies";
  return Lookup(tags_, record.tags) | Lookup(library_names_, record.library_names) |
         Lookup(topics_, record.topics) | Lookup(declared_, record.declared) |
         LookupList(dependencies_, record, kDependencies);
}

}  // namespace framework_share
