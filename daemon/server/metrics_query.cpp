//===----------------------------------------------------------------------===//
// mltrendd — server/metrics_query.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/server/metrics_query.hpp"

namespace mltrendd {

const std::vector<double>& QueryMetrics::Buckets() {
  static const std::vector<double> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                               0.05,   0.1,   0.25,   0.5,   1.0};
  return kBuckets;
}

void QueryMetrics::Observe(const std::string& path, int code, double seconds) {
  std::lock_guard lock(mutex_);
  PathStats& stats = paths_[path];
  stats.codes[code] += 1;
  stats.latency.Observe(seconds);
}

void QueryMetrics::Refused() {
  std::lock_guard lock(mutex_);
  refused_ += 1;
}

void QueryMetrics::Render(MetricsText& out) const {
  std::lock_guard lock(mutex_);
  out.Family("mltrend_query_requests_total", "counter",
             "Requests the query socket answered, by path (\"other\" for any path it does not serve) and HTTP status.");
  for (const auto& [path, stats] : paths_) {
    for (const auto& [code, n] : stats.codes) {
      out.Sample("mltrend_query_requests_total", {{"path", path}, {"code", std::to_string(code)}}, n);
    }
  }
  out.Family("mltrend_query_duration_seconds", "histogram",
             "Time the daemon took to compute an answer of the query socket, by path.");
  for (const auto& [path, stats] : paths_) {
    out.Histogram("mltrend_query_duration_seconds", {{"path", path}}, stats.latency);
  }
  out.Family("mltrend_query_refused_connections_total", "counter",
             "Connections to the query socket answered 503 because too many were open.");
  out.Sample("mltrend_query_refused_connections_total", {}, refused_);
}

}  // namespace mltrendd
