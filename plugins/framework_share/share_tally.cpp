//===----------------------------------------------------------------------===//
// framework_share — share_tally.cpp
//===----------------------------------------------------------------------===//
#include "share_tally.hpp"

#include <charconv>

namespace mltrend::share {
namespace {

std::string_view FileReasonText(FileReason reason) {
  switch (reason) {
    case FileReason::kNoFileList: return "no file list";
    case FileReason::kNoWeightFiles: return "no weight files";
    case FileReason::kHeaderNotRead: return "safetensors, header not read yet";
    case FileReason::kHeaderNoFormat: return "safetensors, header names no framework";
    case FileReason::kFormatOnly: return "weights only";  // prefixed by the format's name
    case FileReason::kUnattributed: return "weight files no rule names";
    case FileReason::kUnmatched: return "evidence matches no rule";
    case FileReason::kNone: break;
  }
  return "";
}

std::string_view BaseReasonText(BaseReason reason) {
  switch (reason) {
    case BaseReason::kBaseNotStored: return "base not in store";
    case BaseReason::kBaseUnknown: return "base unknown";
    case BaseReason::kNoBase: break;
  }
  return "";
}

bool ReadNumber(std::string_view& line, uint64_t& out, int base = 10) {
  const size_t space = line.find(' ');
  const std::string_view word = line.substr(0, space);
  auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), out, base);
  if (word.empty() || ec != std::errc() || ptr != word.data() + word.size()) return false;
  line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
  return true;
}

}  // namespace

std::string ReasonText(const Signature& s, const std::vector<std::string>& formats) {
  if (s.set != 0) return "";
  std::string text;
  if (s.file_reason == FileReason::kFormatOnly && s.format < formats.size()) text = formats[s.format] + " ";
  text += FileReasonText(s.file_reason);
  const std::string_view base = BaseReasonText(s.base_reason);
  if (!base.empty()) text += (text.empty() ? "" : "; ") + std::string(base);
  return text.empty() ? "no evidence" : text;
}

void Tally::Apply(const Signature& signature, const Measure& weights, int sign) {
  auto it = entries.try_emplace(signature).first;
  it->second.Add(weights, sign);
  if (it->second.IsZero()) entries.erase(it);
}

void Tally::Merge(const Tally& other) {
  for (const auto& [signature, measure] : other.entries) Apply(signature, measure, 1);
}

Cell Evaluate(const Tally& tally, const View& view, const std::vector<std::string>& frameworks) {
  Cell cell;
  for (const auto& [signature, measure] : tally.entries) {
    if (!view.Accepts(signature.grade) || signature.set == 0) {
      cell.Apply(0, Grade::kNone, frameworks, measure, 1);
      continue;
    }
    const FrameworkSet set = signature.set & view.among;
    if (set == 0) {
      cell.total.Add(measure, 1);
      cell.outside.Add(measure, 1);
      continue;
    }
    cell.Apply(set, signature.grade, frameworks, measure, 1);
  }
  return cell;
}

std::string EncodeTally(const Tally& tally) {
  std::string out;
  char hex[17];
  for (const auto& [s, m] : tally.entries) {
    auto [end, ec] = std::to_chars(hex, hex + sizeof hex, s.set, 16);
    (void)ec;
    out += std::to_string(static_cast<int>(s.grade)) + ' ' + std::string(hex, end) + ' ' +
           std::to_string(static_cast<int>(s.file_reason)) + ' ' + std::to_string(static_cast<int>(s.base_reason)) +
           ' ' + std::to_string(static_cast<int>(s.format));
    for (int64_t x : m.v) out += ' ' + std::to_string(x);
    out += '\n';
  }
  return out;
}

bool DecodeTally(std::string_view text, Tally& out) {
  out = Tally{};
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    uint64_t grade, set, file_reason, base_reason, format;
    if (!ReadNumber(line, grade) || !ReadNumber(line, set, 16) || !ReadNumber(line, file_reason) ||
        !ReadNumber(line, base_reason) || !ReadNumber(line, format))
      return false;
    if (grade > 3 || file_reason > static_cast<uint64_t>(FileReason::kUnmatched) ||
        base_reason > static_cast<uint64_t>(BaseReason::kBaseUnknown) || format > 63)
      return false;
    Measure m;
    for (auto& x : m.v) {
      uint64_t u;
      const bool negative = !line.empty() && line.front() == '-';
      if (negative) line.remove_prefix(1);
      if (!ReadNumber(line, u)) return false;
      x = static_cast<int64_t>(negative ? 0 - u : u);
    }
    if (!line.empty() || m.IsZero()) return false;
    const Signature s{static_cast<Grade>(grade), set, static_cast<FileReason>(file_reason),
                      static_cast<BaseReason>(base_reason), static_cast<uint8_t>(format)};
    if (!out.entries.emplace(s, m).second) return false;  // a signature twice
  }
  return true;
}

}  // namespace mltrend::share
