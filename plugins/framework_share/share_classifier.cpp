//===----------------------------------------------------------------------===//
// framework_share — share_classifier.cpp
//===----------------------------------------------------------------------===//
#include "share_classifier.hpp"

#include <algorithm>

#include "share_text.hpp"

namespace mltrend::share {
namespace {

void AddTo(GradedSets& sets, Grade grade, FrameworkSet mask) {
  (grade == Grade::kLibrary ? sets.library : sets.direct) |= mask;
}

}  // namespace

mltrend::Status Classifier::Build(const Rules& rules, Classifier& out) {
  out = Classifier{};
  const std::string_view names[kChannelCount] = {"tags",         "library_names", "topics",
                                                 "declared",     "dependencies",  "header_formats"};
  for (int c = 0; c < kChannelCount; ++c) out.channels_[c].name = names[c];
  for (const Rule& rule : rules.rules) {
    auto it = std::find(out.frameworks_.begin(), out.frameworks_.end(), rule.framework);
    size_t bit = static_cast<size_t>(it - out.frameworks_.begin());
    if (it == out.frameworks_.end()) {
      if (out.frameworks_.size() == 64)
        return mltrend::Status::Invalid("rules file names more than 64 frameworks; '" + rule.framework +
                                        "' is the 65th");
      out.frameworks_.push_back(rule.framework);
    }
    const FrameworkSet mask = FrameworkSet{1} << bit;
    const std::vector<std::string>* lists[kChannelCount] = {&rule.tags,     &rule.library_names, &rule.topics,
                                                            &rule.declared, &rule.dependencies,  &rule.header_formats};
    for (int c = 0; c < kChannelCount; ++c)
      for (const auto& v : *lists[c]) AddTo(out.channels_[c].index[v], rule.grade, mask);
    for (const auto& pattern : rule.files) {
      out.files_.Add(pattern, out.file_patterns_.size());
      out.file_patterns_.push_back({pattern, rule.grade, mask});
    }
  }
  if (rules.formats.size() > 64) return mltrend::Status::Invalid("rules file names more than 64 formats");
  for (const WeightFormat& format : rules.formats) {
    for (const auto& pattern : format.files) out.format_files_.Add(pattern, out.formats_.size());
    out.formats_.push_back(format.name);
  }
  return mltrend::Status::Ok();
}

void Classifier::ValuesOf(const mltrend::Record& record, int channel, std::vector<std::string_view>& out) {
  out.clear();
  const std::vector<std::string>* list = nullptr;
  switch (channel) {
    case kTags: list = &record.tags; break;
    case kLibraryNames: list = &record.library_names; break;
    case kTopics: list = &record.topics; break;
    case kDeclared: list = &record.declared; break;
    case kHeaderFormats: list = &record.header_formats; break;
    case kDependencies: {
      // GitHub's manifest scan stores the packages as one comma list.
      auto it = record.attrs.find("dependencies");
      if (it == record.attrs.end()) return;
      std::string_view text = it->second;
      while (!text.empty()) {
        const size_t comma = text.find(',');
        out.push_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
      }
      return;
    }
    default: return;
  }
  out.assign(list->begin(), list->end());
}

template <typename F>
void Classifier::ForEachFileMatch(const mltrend::Record& record, F&& found) const {
  if (files_.Empty()) return;
  for (const std::string& file : record.files)
    files_.Match(file, [&](size_t id) { found(file, file_patterns_[id]); });
}

GradedSets Classifier::Evidence(const mltrend::Record& record) const {
  GradedSets sets;
  std::vector<std::string_view> values;
  std::string key;
  for (int c = 0; c < kChannelCount; ++c) {
    const Index& index = channels_[c].index;
    if (index.empty()) continue;
    ValuesOf(record, c, values);
    for (std::string_view value : values) {
      NormaliseEvidenceInto(value, key);
      if (auto it = index.find(key); it != index.end()) sets |= it->second;
    }
  }
  ForEachFileMatch(record, [&](const std::string&, const FilePattern& p) { AddTo(sets, p.grade, p.set); });
  return sets;
}

Own Classifier::Strongest(const GradedSets& sets) {
  if (sets.direct) return {Grade::kDirect, sets.direct};
  if (sets.library) return {Grade::kLibrary, sets.library};
  return {};
}

std::vector<EvidenceMatch> Classifier::Explain(const mltrend::Record& record) const {
  std::vector<EvidenceMatch> out;
  auto add = [&](FrameworkSet set, std::string_view channel, std::string_view value, std::string_view pattern,
                 Grade grade) {
    for (size_t bit = 0; bit < frameworks_.size(); ++bit)
      if (set & (FrameworkSet{1} << bit))
        out.push_back({frameworks_[bit], std::string(channel), std::string(value), std::string(pattern), grade});
  };
  std::vector<std::string_view> values;
  std::string key;
  auto channel = [&](int c) {
    ValuesOf(record, c, values);
    for (std::string_view value : values) {
      NormaliseEvidenceInto(value, key);
      auto it = channels_[c].index.find(key);
      if (it == channels_[c].index.end()) continue;
      add(it->second.direct, channels_[c].name, value, "", Grade::kDirect);
      add(it->second.library, channels_[c].name, value, "", Grade::kLibrary);
    }
  };
  for (int c = 0; c < kChannelCount; ++c)
    if (c != kHeaderFormats) channel(c);
  ForEachFileMatch(record, [&](const std::string& file, const FilePattern& p) {
    add(p.set, "files", file, p.pattern, p.grade);
  });
  channel(kHeaderFormats);  // listed after files, as the files they were read from
  return out;
}

uint64_t Classifier::FormatsOf(const mltrend::Record& record) const {
  uint64_t found = 0;
  if (format_files_.Empty()) return found;
  for (const std::string& file : record.files)
    format_files_.Match(file, [&](size_t id) { found |= uint64_t{1} << id; });
  return found;
}

}  // namespace mltrend::share
