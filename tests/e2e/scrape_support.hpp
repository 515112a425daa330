//===----------------------------------------------------------------------===//
// tests/e2e — scrape_support.hpp
//===----------------------------------------------------------------------===//
// The metrics listener seen from outside: enable it in a sandbox, find where
// it is bound, GET over TCP with the daemon's own HTTP client.
#pragma once

#include <set>
#include <string>

#include "e2e_support.hpp"
#include "mltrend/http.hpp"

namespace e2e {

//! REQUIREs that the `--once` crawl of `listing` succeeded (its log shown if not).
void RequireCrawled(const CrawledListing& listing);

//! The real mltrendd serving `box`'s config, READY (sd_notify) once constructed.
class ServingDaemon {
 public:
  explicit ServingDaemon(const Sandbox& box);
  mltrend_test::ChildProcess& Process() { return process_; }

 private:
  mltrend_test::NotifySocket notify_;
  mltrend_test::ChildProcess process_;
};

//! Adds `metrics_listen = "<address>"` to the sandbox's [daemon] table
//! (port 0: the daemon takes a free port and says which in /v1/status).
void EnableMetricsListener(Sandbox& box, const std::string& address = "127.0.0.1:0");
//! The running daemon's /v1/status `metrics_listen` ("127.0.0.1:PORT");
//! REQUIREs a string.
std::string MetricsAddress(const std::filesystem::path& socket);
//! One GET of `url` (http://...) with BeastHttpClient; REQUIREs an answer.
mltrend::HttpResponse HttpGet(const std::string& url);
//! Every metric name a PromQL query may use against a Prometheus text page:
//! the names of its samples and of each declared family (`# TYPE`), which
//! covers a gauge that has no series yet (a rate limit no source reported
//! since the start); a histogram adds `_bucket`, `_sum` and `_count`.
std::set<std::string> MetricNames(const std::string& page);

}  // namespace e2e
