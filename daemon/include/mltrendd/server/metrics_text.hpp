//===----------------------------------------------------------------------===//
// mltrendd — server/metrics_text.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mltrendd {

//! Label pairs of one sample, in the order written. Values are escaped on
//! output; names must already be valid ([a-zA-Z_][a-zA-Z0-9_]*).
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

//! The counts of one histogram: `counts[i]` observations fell in
//! (bounds[i-1], bounds[i]], and counts.back() those above every bound.
//! Counts per bucket, not cumulative: MetricsText::Histogram accumulates.
struct HistogramCounts {
  std::vector<double> bounds;  //!< ascending upper bounds (without +Inf)
  std::vector<uint64_t> counts;
  double sum = 0;
  uint64_t count = 0;

  explicit HistogramCounts(std::vector<double> upper_bounds)
      : bounds(std::move(upper_bounds)), counts(bounds.size() + 1, 0) {}
  void Observe(double value);
};

//! Builds a page of the Prometheus text exposition format 0.0.4: each
//! family's `# HELP` and `# TYPE` once, then its samples, families never
//! interleaved. The caller writes a family's samples right after Family().
class MetricsText {
 public:
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

  //! Starts a family; `type` is "counter", "gauge" or "histogram".
  MetricsText& Family(std::string_view name, std::string_view type, std::string_view help);
  MetricsText& Sample(std::string_view name, const MetricLabels& labels, double value);
  //! Integers are written exactly (a double loses counts beyond 2^53).
  MetricsText& Sample(std::string_view name, const MetricLabels& labels, uint64_t value);
  //! The `_bucket` samples (cumulative, `le` added last, ending with
  //! le="+Inf" equal to `_count`), `_sum` and `_count` of one histogram.
  MetricsText& Histogram(std::string_view name, const MetricLabels& labels, const HistogramCounts& h);

  const std::string& Text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  void Labels(const MetricLabels& labels);
  std::string text_;
};

//! A label value as the format wants it: backslash, double quote and line
//! feed escaped as \\, \" and \n.
std::string EscapeLabelValue(std::string_view value);
//! HELP text: backslash and line feed escaped.
std::string EscapeHelp(std::string_view text);
//! A sample value: the shortest text that reads back as the same double,
//! in %g style ("0.0005", "1.76402580025e+09"); "+Inf", "-Inf", "NaN" for
//! the special values.
std::string FormatMetricValue(double value);

}  // namespace mltrendd
