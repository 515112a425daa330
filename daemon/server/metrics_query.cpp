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

void QueryMetrics::Closed(const std::string& reason) {
  std::lock_guard lock(mutex_);
  closed_[reason] += 1;
}

void QueryMetrics::AcceptPaused() {
  std::lock_guard lock(mutex_);
  accept_pauses_ += 1;
}

void QueryMetrics::Render(MetricsText& out) const {
  std::lock_guard lock(mutex_);
  out.Family("mltrend_query_requests_total", "counter",
             "Requests the query socket and the metrics listener answered, by path (\"other\" for any path "
             "they do not serve) and HTTP status.");
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
  out.Family("mltrend_query_closed_connections_total", "counter",
             "Connections to the query socket the daemon closed itself, by reason: idle_timeout, request_timeout, "
             "write_timeout, evicted (the longest-waiting connection, to admit a new one at the limit).");
  // Every reason is written, 0 included, so that a rate() has a series from the start.
  for (const char* reason : {"evicted", "idle_timeout", "request_timeout", "write_timeout"}) {
    auto it = closed_.find(reason);
    out.Sample("mltrend_query_closed_connections_total", {{"reason", reason}}, it == closed_.end() ? 0 : it->second);
  }
  out.Family("mltrend_query_accept_pauses_total", "counter",
             "Pauses of the query socket's accept loop because accept() failed (out of file descriptors).");
  out.Sample("mltrend_query_accept_pauses_total", {}, accept_pauses_);
}

}  // namespace mltrendd
