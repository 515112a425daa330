#include <catch2/catch.hpp>

#include <csignal>

#include "e2e_support.hpp"

using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {

//! The value of the sample written exactly as `series`, or -1.
double Sample(const std::string& page, const std::string& series) {
  const std::string needle = "\n" + series + " ";
  size_t pos = page.find(needle);
  if (pos == std::string::npos) return -1;
  return std::stod(page.substr(pos + needle.size(), page.find('\n', pos + 1) - pos - needle.size()));
}

}  // namespace

TEST_CASE("the real daemon serves /metrics and `mltrend status` after a crawl of the recorded Hub listing") {
  e2e::CrawledListing listing;
  INFO(listing.once_stderr);
  REQUIRE(listing.once_status == 0);
  e2e::Sandbox& box = listing.box;

  // The crawl was recent: the serving daemon runs nothing, so every figure
  // below is fixed when READY arrives.
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));

  CHECK(e2e::Get(box.socket, "/v1/status").status == 200);
  auto first = e2e::Get(box.socket, "/metrics");
  REQUIRE(first.status == 200);
  CHECK(first.content_type == "text/plain; version=0.0.4; charset=utf-8");
  const std::string& page = first.body;
  INFO(page);
  CHECK(Sample(page, R"(mltrend_source_runs_total{source="hf"})") == 1);  // persisted from the --once run
  CHECK(Sample(page, R"(mltrend_source_failures_total{source="hf"})") == 0);
  CHECK(Sample(page, R"(mltrend_source_up{source="hf"})") == 1);
  CHECK(Sample(page, R"(mltrend_source_last_success_timestamp_seconds{source="hf"})") > 1.6e9);
  CHECK(Sample(page, R"(mltrend_source_next_run_timestamp_seconds{source="hf"})") > 1.6e9);
  CHECK(Sample(page, R"(mltrend_store_records{source="hf"})") == 9715);
  CHECK(Sample(page, R"(mltrend_sink_lag{sink="trends"})") == 0);
  CHECK(Sample(page, "mltrend_store_size_bytes") > 0);
  CHECK(Sample(page, R"(mltrend_query_requests_total{path="/v1/status",code="200"})") == 1);
  // This process fetched nothing: the per-process counters start at zero.
  CHECK(Sample(page, R"(mltrend_source_pages_total{source="hf"})") == 0);

  CHECK(e2e::Get(box.socket, "/v1/nope").status == 404);
  auto second = e2e::Get(box.socket, "/metrics");
  CHECK(Sample(second.body, R"(mltrend_query_requests_total{path="/metrics",code="200"})") == 1);
  CHECK(Sample(second.body, R"(mltrend_query_requests_total{path="other",code="404"})") == 1);

  std::string out;
  REQUIRE(mltrend_test::RunCommand({e2e::CliBinary().string(), "--socket", box.socket.string(), "status"}, out) == 0);
  INFO(out);
  CHECK(out.find("mltrendd ") == 0);
  CHECK(out.find("source hf (huggingface): scheduled, 9715 records stored") != std::string::npos);
  CHECK(out.find("  last end     ") != std::string::npos);
  CHECK(out.find("sink trends (framework_share): lag 0 changes") != std::string::npos);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);

  // With the daemon gone, status says so plainly and exits 69 (EX_UNAVAILABLE).
  mltrend_test::ChildProcess cli({e2e::CliBinary().string(), "--socket", box.socket.string(), "status"});
  CHECK(cli.Wait() == 69);
  CHECK(cli.Stdout().empty());
  CHECK(cli.Stderr().find("is the daemon running?") != std::string::npos);
}
