//===----------------------------------------------------------------------===//
// framework_share — share_evidence.cpp
//===----------------------------------------------------------------------===//
#include "share_evidence.hpp"

#include <algorithm>
#include <bit>

#include "share_text.hpp"

namespace mltrend::share {
namespace {

constexpr std::string_view kBaseModelTag = "base_model:";
constexpr std::string_view kRelations[] = {"finetune", "adapter", "quantized", "merge"};

// Configs (.json, .yaml) say which library wrote a repository, not which
// weights it holds: a list of only those has no weight files.
bool IsConfigFile(std::string_view name) {
  for (std::string_view ext : {".json", ".yaml", ".yml"})
    if (name.size() >= ext.size() && AsciiLower(name.substr(name.size() - ext.size())) == ext) return true;
  return false;
}

FileReason ReasonOfFiles(const Classifier& classifier, const mltrend::Record& record, uint8_t& format) {
  const bool listed = !record.files.empty() || record.attrs.contains("files_listed");
  if (!listed) return record.tags.empty() ? FileReason::kUnmatched : FileReason::kNoFileList;
  const uint64_t formats = classifier.FormatsOf(record);
  const auto& names = classifier.Formats();
  const auto safetensors = std::find(names.begin(), names.end(), "safetensors");
  const uint64_t safetensors_bit =
      safetensors == names.end() ? 0 : uint64_t{1} << (safetensors - names.begin());
  if (formats & safetensors_bit)
    return record.attrs.contains("safetensors_header") ? FileReason::kHeaderNoFormat : FileReason::kHeaderNotRead;
  if (formats != 0) {
    format = static_cast<uint8_t>(std::countr_zero(formats));
    return FileReason::kFormatOnly;
  }
  const bool weights = std::any_of(record.files.begin(), record.files.end(),
                                   [](const std::string& f) { return !IsConfigFile(f); });
  return weights ? FileReason::kUnattributed : FileReason::kNoWeightFiles;
}

}  // namespace

std::string LineageName(std::string_view name) { return AsciiLower(name); }

std::vector<std::string> BaseNames(const mltrend::Record& record) {
  std::vector<std::string> bases;
  for (const std::string& tag : record.tags) {
    if (tag.size() <= kBaseModelTag.size() || AsciiLower(tag.substr(0, kBaseModelTag.size())) != kBaseModelTag)
      continue;
    std::string_view rest = std::string_view(tag).substr(kBaseModelTag.size());
    if (const size_t colon = rest.find(':'); colon != std::string_view::npos) {
      const std::string relation = AsciiLower(rest.substr(0, colon));
      if (std::find(std::begin(kRelations), std::end(kRelations), relation) != std::end(kRelations))
        rest.remove_prefix(colon + 1);
    }
    if (!rest.empty()) bases.push_back(LineageName(rest));
  }
  std::sort(bases.begin(), bases.end());
  bases.erase(std::unique(bases.begin(), bases.end()), bases.end());
  // A record naming itself (seen on the Hub) is no lineage.
  std::erase(bases, LineageName(record.name));
  return bases;
}

OwnEvidence ReadOwnEvidence(const Classifier& classifier, const mltrend::Record& record) {
  OwnEvidence out;
  out.own = classifier.Classify(record);
  out.bases = BaseNames(record);
  if (out.own.set == 0) out.file_reason = ReasonOfFiles(classifier, record, out.format);
  return out;
}

}  // namespace mltrend::share
