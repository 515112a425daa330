// The real thing: Debian's Prometheus scrapes the real daemon's metrics
// listener with the shipped config/prometheus/prometheus.yml (target and
// interval adapted), and its own HTTP API says the target is up and holds
// the daemon's counter value. Exits 77 (ctest SKIP) without /usr/bin/prometheus.

#include <catch2/catch.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "metrics_parse.hpp"
#include "mltrendd/http/http_client.hpp"
#include "scrape_support.hpp"

namespace {

const std::filesystem::path kPrometheus = "/usr/bin/prometheus";

//! A loopback port nobody listens on right now, for Prometheus's own web
//! listener (it cannot report a port it chose itself).
uint16_t FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return probe.local_endpoint().port();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

//! The value of the single series an instant query returns, or "" while
//! Prometheus has none (not scraped yet, or not up itself yet).
std::string InstantValue(uint16_t port, const std::string& query_escaped) {
  mltrendd::BeastHttpClient client(mltrendd::HttpClientOptions{}, nullptr);
  mltrend::HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/query?query=" + query_escaped;
  mltrend::HttpResponse response;
  if (!client.Send(request, response).ok() || response.status != 200) return "";
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(response.body).get(doc) != simdjson::SUCCESS) return "";
  simdjson::dom::array result;
  if (doc.at_pointer("/data/result").get(result) != simdjson::SUCCESS || result.size() != 1) return "";
  std::string_view value;
  if (result.at(0).at_pointer("/value/1").get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

//! Polls `query` until it yields a value or `deadline` passes ("" then);
//! the pause between polls is a poll interval, not a synchronisation.
std::string PollValue(uint16_t port, const std::string& query_escaped, std::chrono::seconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    std::string value = InstantValue(port, query_escaped);
    if (!value.empty() || std::chrono::steady_clock::now() > end) return value;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

TEST_CASE("Prometheus scrapes the metrics listener: the target is up and the counter equals the daemon's") {
  if (!std::filesystem::exists(kPrometheus)) {
    std::cout << "SKIP: " << kPrometheus.string() << " is not installed (apt-get install prometheus)\n";
    std::exit(77);
  }
  e2e::CrawledListing listing;
  e2e::RequireCrawled(listing);
  e2e::EnableMetricsListener(listing.box);
  e2e::ServingDaemon serving(listing.box);
  mltrend_test::ChildProcess& daemon = serving.Process();
  const std::string target = e2e::MetricsAddress(listing.box.socket);

  // The shipped example, pointed at this daemon and scraping every second.
  mltrend_test::TempDir dir;
  std::string config = mltrend_test::ReadFile(mltrend_test::FixturePath("../../config/prometheus/prometheus.yml"));
  config = Replace(config, "targets: [\"127.0.0.1:9464\"]", "targets: [\"" + target + "\"]");
  config = Replace(config, "scrape_interval: 30s", "scrape_interval: 1s");
  mltrend_test::WriteFile(dir / "prometheus.yml", config);
  const uint16_t port = FreePort();
  mltrend_test::ChildProcess prometheus({kPrometheus.string(), "--config.file=" + (dir / "prometheus.yml").string(),
                                         "--storage.tsdb.path=" + (dir / "tsdb").string(),
                                         "--web.listen-address=127.0.0.1:" + std::to_string(port)});

  // up{job="mltrend"}: 1 once a scrape of the listener succeeded.
  const std::string up = PollValue(port, "up%7Bjob%3D%22mltrend%22%7D", std::chrono::seconds(60));
  INFO("prometheus log:\n" << prometheus.Stderr());
  REQUIRE(up == "1");
  // Persisted from the --once crawl; nothing runs in the serving daemon, so
  // the value Prometheus scraped is the one the daemon answers now.
  const std::string series = R"(mltrend_source_runs_total{source="hf"})";
  const std::optional<double> own = metrics_test::SampleValue(e2e::Get(listing.box.socket, "/metrics").body, series);
  REQUIRE(own == 1);
  CHECK(PollValue(port, "mltrend_source_runs_total%7Bsource%3D%22hf%22%7D", std::chrono::seconds(10)) == "1");
  CHECK(PollValue(port, "mltrend_store_records%7Bsource%3D%22hf%22%7D", std::chrono::seconds(10)) == "9715");
  CHECK(PollValue(port, "mltrend_sink_lag%7Bsink%3D%22trends%22%7D", std::chrono::seconds(10)) == "0");

  // Prometheus's own view of the target: healthy, scraping the listener.
  mltrend::HttpResponse targets = e2e::HttpGet("http://127.0.0.1:" + std::to_string(port) + "/api/v1/targets");
  REQUIRE(targets.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(targets.body);
  simdjson::dom::array active = doc.at_pointer("/data/activeTargets").get_array();
  REQUIRE(active.size() == 1);
  CHECK(std::string_view(active.at(0)["health"]) == "up");
  CHECK(std::string_view(active.at(0)["scrapeUrl"]) == "http://" + target + "/metrics");
  CHECK(std::string_view(active.at(0)["lastError"]) == "");

  prometheus.Signal(SIGTERM);
  CHECK(prometheus.Wait(std::chrono::seconds(30)) == 0);
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
