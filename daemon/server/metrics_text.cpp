//===----------------------------------------------------------------------===//
// mltrendd — server/metrics_text.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/server/metrics_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mltrendd {

void HistogramCounts::Observe(double value) {
  // The first bound >= value: `le` means "less than or equal".
  auto it = std::lower_bound(bounds.begin(), bounds.end(), value);
  counts[static_cast<size_t>(it - bounds.begin())] += 1;
  sum += value;
  count += 1;
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeHelp(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatMetricValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[64];
  // Shortest round-trip digits in %g style, as Go's client libraries write
  // them: "0.0005" rather than "5e-04", "1.7e+09" for big timestamps.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general);
  if (ec != std::errc()) return "NaN";
  return std::string(buf, end);
}

MetricsText& MetricsText::Family(std::string_view name, std::string_view type, std::string_view help) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  text_ += EscapeHelp(help);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type;
  text_ += '\n';
  return *this;
}

void MetricsText::Labels(const MetricLabels& labels) {
  if (labels.empty()) return;
  text_ += '{';
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) text_ += ',';
    text_ += labels[i].first;
    text_ += "=\"";
    text_ += EscapeLabelValue(labels[i].second);
    text_ += '"';
  }
  text_ += '}';
}

MetricsText& MetricsText::Sample(std::string_view name, const MetricLabels& labels, double value) {
  text_ += name;
  Labels(labels);
  text_ += ' ';
  text_ += FormatMetricValue(value);
  text_ += '\n';
  return *this;
}

MetricsText& MetricsText::Sample(std::string_view name, const MetricLabels& labels, uint64_t value) {
  text_ += name;
  Labels(labels);
  text_ += ' ';
  text_ += std::to_string(value);
  text_ += '\n';
  return *this;
}

MetricsText& MetricsText::Histogram(std::string_view name, const MetricLabels& labels, const HistogramCounts& h) {
  const std::string bucket = std::string(name) + "_bucket";
  uint64_t cumulative = 0;
  MetricLabels with_le = labels;
  with_le.emplace_back("le", "");
  for (size_t i = 0; i < h.bounds.size(); ++i) {
    cumulative += h.counts[i];
    with_le.back().second = FormatMetricValue(h.bounds[i]);
    Sample(bucket, with_le, cumulative);
  }
  with_le.back().second = "+Inf";
  Sample(bucket, with_le, h.count);
  Sample(std::string(name) + "_sum", labels, h.sum);
  Sample(std::string(name) + "_count", labels, h.count);
  return *this;
}

}  // namespace mltrendd
