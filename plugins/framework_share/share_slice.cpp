//===----------------------------------------------------------------------===//
// framework_share — share_slice.cpp
//===----------------------------------------------------------------------===//
#include "share_slice.hpp"

#include <algorithm>
#include <vector>

#include "share_text.hpp"

namespace mltrend::share {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void AppendEscaped(std::string& out, std::string_view part) {
  for (char c : part) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == '|' || c == '/' || byte < 0x20 || byte == 0x7f) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unescape(std::string_view part, std::string& out) {
  out.clear();
  for (size_t i = 0; i < part.size(); ++i) {
    if (part[i] == '/') return false;
    if (part[i] != '%') {
      out += part[i];
      continue;
    }
    if (i + 2 >= part.size()) return false;
    const int hi = HexValue(part[i + 1]), lo = HexValue(part[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

// True when `library` is one of the comma-joined `libraries`.
bool ListHas(std::string_view libraries, std::string_view library) {
  while (!libraries.empty()) {
    const size_t comma = libraries.find(',');
    if (libraries.substr(0, comma) == library) return true;
    if (comma == std::string_view::npos) break;
    libraries.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string SliceLabel(const SliceKey& key) {
  std::string out;
  AppendEscaped(out, key.month);
  out += '|';
  AppendEscaped(out, key.task);
  out += '|';
  AppendEscaped(out, key.libraries);
  return out;
}

bool ParseSliceLabel(std::string_view label, SliceKey& out) {
  const size_t first = label.find('|');
  if (first == std::string_view::npos) return false;
  const size_t second = label.find('|', first + 1);
  if (second == std::string_view::npos || label.find('|', second + 1) != std::string_view::npos) return false;
  return Unescape(label.substr(0, first), out.month) && !out.month.empty() &&
         Unescape(label.substr(first + 1, second - first - 1), out.task) &&
         Unescape(label.substr(second + 1), out.libraries);
}

std::string SliceLabelOf(std::string_view month, const mltrend::Record& record) {
  SliceKey key;
  key.month = std::string(month);
  if (auto it = record.attrs.find("pipeline_tag"); it != record.attrs.end()) key.task = NormaliseEvidence(it->second);
  std::vector<std::string> libraries;
  for (const auto& name : record.library_names) {
    std::string normal = NormaliseEvidence(name);
    if (!normal.empty()) libraries.push_back(std::move(normal));
  }
  std::sort(libraries.begin(), libraries.end());
  libraries.erase(std::unique(libraries.begin(), libraries.end()), libraries.end());
  for (const auto& name : libraries) key.libraries += (key.libraries.empty() ? "" : ",") + name;
  return SliceLabel(key);
}

bool SliceFilter::Matches(const SliceKey& key) const {
  if (task && key.task != *task) return false;
  if (library && !ListHas(key.libraries, *library)) return false;
  return true;
}

CellTable::Months FilteredMonths(const CellTable::Months* slices, const SliceFilter& filter) {
  CellTable::Months months;
  if (!slices) return months;
  SliceKey key;
  for (const auto& [label, cell] : *slices) {
    if (!ParseSliceLabel(label, key) || !filter.Matches(key)) continue;
    months[key.month].Merge(cell);
  }
  return months;
}

}  // namespace mltrend::share
