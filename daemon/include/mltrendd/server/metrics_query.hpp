//===----------------------------------------------------------------------===//
// mltrendd — server/metrics_query.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "mltrendd/server/metrics_text.hpp"

namespace mltrendd {

//! What the query socket answered, for /metrics: requests by path and
//! status code, and how long the answers took to compute. The caller
//! passes a bounded path label (Api::PathLabel), so a client probing
//! random paths cannot grow this without bound. Thread-safe.
class QueryMetrics {
 public:
  //! Upper bounds of the latency histogram, in seconds: a status answer
  //! takes well under a millisecond, a trends query over a big cohort
  //! some tens of milliseconds.
  static const std::vector<double>& Buckets();

  //! One answered request: its path label, HTTP status, seconds spent.
  void Observe(const std::string& path, int code, double seconds);
  //! A connection turned away because too many were open.
  void Refused();
  //! A connection the server closed itself: "idle_timeout", "request_timeout",
  //! "write_timeout" or "evicted" (a newcomer took its place at the limit).
  void Closed(const std::string& reason);
  //! The accept loop paused because accept() failed (out of descriptors).
  void AcceptPaused();

  //! Writes mltrend_query_requests_total, mltrend_query_duration_seconds,
  //! mltrend_query_refused_connections_total, mltrend_query_closed_connections_total
  //! and mltrend_query_accept_pauses_total.
  void Render(MetricsText& out) const;

 private:
  struct PathStats {
    std::map<int, uint64_t> codes;
    HistogramCounts latency{Buckets()};
  };
  mutable std::mutex mutex_;
  std::map<std::string, PathStats> paths_;
  uint64_t refused_ = 0;
  std::map<std::string, uint64_t> closed_;
  uint64_t accept_pauses_ = 0;
};

}  // namespace mltrendd
