//===----------------------------------------------------------------------===//
// mltrendd tests — server/tests/metrics_parse.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace metrics_test {

inline bool IsNameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

inline bool ParseValue(const std::string& text, double& out) {
  if (text == "+Inf" || text == "-Inf" || text == "NaN") return true;
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

//! Checks a page against the Prometheus text format 0.0.4 the way a scraper
//! reads it: HELP/TYPE once per family and before its samples, families not
//! interleaved, names and label names valid, label values escaped with only
//! \\ \" \n, values numbers; for histograms, buckets cumulative per series
//! and le="+Inf" equal to _count. Returns "" when sound, else the problem.
inline std::string CheckExposition(const std::string& text) {
  if (text.empty() || text.back() != '\n') return "the page does not end with a line feed";
  std::istringstream in(text);
  std::string line;
  std::map<std::string, std::string> types;
  std::set<std::string> closed;  // families whose samples are behind us
  std::string current;
  // histogram series (labels without le) -> last bucket count, +Inf, count
  std::map<std::string, double> last_bucket, inf_bucket, counts;
  while (std::getline(in, line)) {
    if (line.rfind("# HELP ", 0) == 0) continue;
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream f(line.substr(7));
      std::string name, type;
      f >> name >> type;
      if (types.count(name)) return "TYPE twice for " + name;
      if (type != "counter" && type != "gauge" && type != "histogram" && type != "summary" && type != "untyped")
        return "unknown type in: " + line;
      types[name] = type;
      if (!current.empty()) closed.insert(current);
      current = name;
      continue;
    }
    if (line.empty() || line[0] == '#') return "unexpected line: '" + line + "'";
    size_t i = 0;
    while (i < line.size() && IsNameChar(line[i], i == 0)) ++i;
    if (i == 0) return "bad metric name in: " + line;
    std::string name = line.substr(0, i);
    std::string le;
    std::string labels_without_le;
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        size_t start = i;
        while (i < line.size() && IsNameChar(line[i], i == start) && line[i] != ':') ++i;
        if (i == start) return "bad label name in: " + line;
        std::string label = line.substr(start, i - start);
        if (line.compare(i, 2, "=\"") != 0) return "label without =\" in: " + line;
        i += 2;
        std::string value;
        for (; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\') {
            ++i;
            if (i >= line.size() || (line[i] != '\\' && line[i] != '"' && line[i] != 'n'))
              return "bad escape in: " + line;
          }
          value += line[i];
        }
        if (i >= line.size()) return "unterminated label value in: " + line;
        ++i;  // closing quote
        if (label == "le") {
          le = value;
        } else {
          labels_without_le += label + "=" + value + ",";
        }
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) return "unterminated labels in: " + line;
      ++i;  // '}'
    }
    if (i >= line.size() || line[i] != ' ') return "no space before the value in: " + line;
    double value = 0;
    if (!ParseValue(line.substr(i + 1), value)) return "bad value in: " + line;

    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      std::string s = suffix;
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0 &&
          types.count(name.substr(0, name.size() - s.size())) &&
          types[name.substr(0, name.size() - s.size())] == "histogram") {
        family = name.substr(0, name.size() - s.size());
      }
    }
    if (!types.count(family)) return "sample before its TYPE: " + line;
    if (family != current) return "family " + family + " interleaved with " + current;
    if (closed.count(family)) return "family " + family + " appears twice";
    if (types[family] == "histogram") {
      std::string key = family + "{" + labels_without_le + "}";
      if (name == family + "_bucket") {
        if (le.empty()) return "bucket without le: " + line;
        if (last_bucket.count(key) && value < last_bucket[key]) return "buckets not cumulative at: " + line;
        last_bucket[key] = value;
        if (le == "+Inf") inf_bucket[key] = value;
      } else if (name == family + "_count") {
        counts[key] = value;
      }
    }
  }
  for (const auto& [key, n] : counts) {
    if (!inf_bucket.count(key)) return "no le=\"+Inf\" bucket for " + key;
    if (inf_bucket[key] != n) return "le=\"+Inf\" differs from _count for " + key;
  }
  return "";
}

//! The value of the sample written exactly as `series` (name and labels as
//! rendered), if the page has it.
inline std::optional<double> SampleValue(const std::string& text, const std::string& series) {
  const std::string needle = series + " ";
  size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    if (pos == 0 || text[pos - 1] == '\n') {
      size_t end = text.find('\n', pos);
      double v = 0;
      std::string value = text.substr(pos + needle.size(), end - pos - needle.size());
      if (ParseValue(value, v)) return v;
      return std::nullopt;
    }
    pos += needle.size();
  }
  return std::nullopt;
}

}  // namespace metrics_test
