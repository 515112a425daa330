// The real daemon's metrics listener: off by default (no TCP socket at all),
// on when configured, answering /metrics and /healthz only; and the shipped
// Grafana dashboard names only metrics that daemon exports.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "metrics_parse.hpp"
#include "scrape_support.hpp"

namespace {

//! The ports of the TCP sockets process `pid` listens on (its socket
//! inodes that /proc/net/tcp and tcp6 show in state LISTEN).
std::set<unsigned> ListeningTcpPorts(pid_t pid) {
  std::set<std::string> inodes;
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  for (const auto& fd : std::filesystem::directory_iterator(fds)) {
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (!ec && target.rfind("socket:[", 0) == 0) inodes.insert(target.substr(8, target.size() - 9));
  }
  std::set<unsigned> ports;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
      if (state == "0A" && inodes.count(inode)) ports.insert(std::stoul(local.substr(local.find(':') + 1), nullptr, 16));
    }
  }
  return ports;
}

//! The ports the daemon listens on itself: a listening socket of this test
//! process (the replay server's) may be inherited by the child.
std::set<unsigned> DaemonTcpPorts(pid_t daemon) {
  std::set<unsigned> own = ListeningTcpPorts(daemon);
  for (unsigned port : ListeningTcpPorts(::getpid())) own.erase(port);
  return own;
}

//! Every metric name in a PromQL expression: identifiers outside strings,
//! label matchers, range selectors and `by (...)` groups that are neither
//! functions (followed by '(') nor keywords.
std::set<std::string> ExprMetricNames(const std::string& expr) {
  static const std::set<std::string> kKeywords = {"by",     "without",     "on",         "ignoring", "group_left",
                                                  "group_right", "bool", "and", "or",     "unless",   "offset"};
  std::set<std::string> names;
  std::string last_word;
  for (size_t i = 0; i < expr.size();) {
    const char c = expr[i];
    if (c == '"') {
      i = expr.find('"', i + 1) + 1;
    } else if (c == '{' || c == '[') {
      i = expr.find(c == '{' ? '}' : ']', i) + 1;
    } else if (c == '(' && (last_word == "by" || last_word == "without" || last_word == "on" ||
                            last_word == "ignoring")) {
      i = expr.find(')', i) + 1;
      last_word.clear();
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':') {
      size_t end = i;
      while (end < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[end])) || expr[end] == '_' ||
                                   expr[end] == ':'))
        ++end;
      const std::string word = expr.substr(i, end - i);
      size_t next = expr.find_first_not_of(' ', end);
      // A function, or an aggregation written `sum by (l) (...)`.
      const bool call = next != std::string::npos && (expr[next] == '(' || expr.compare(next, 3, "by ") == 0 ||
                                                       expr.compare(next, 3, "by(") == 0 ||
                                                       expr.compare(next, 7, "without") == 0);
      if (!call && !kKeywords.count(word)) names.insert(word);
      last_word = word;
      i = end;
    } else {
      if (c != ' ') last_word.clear();
      ++i;
    }
  }
  return names;
}

//! Every `expr` of every panel of a Grafana dashboard, rows' panels included.
void CollectExprs(simdjson::dom::array panels, std::vector<std::string>& out) {
  for (simdjson::dom::element panel : panels) {
    simdjson::dom::array nested, targets;
    if (panel["panels"].get(nested) == simdjson::SUCCESS) CollectExprs(nested, out);
    if (panel["targets"].get(targets) != simdjson::SUCCESS) continue;
    for (simdjson::dom::element target : targets) {
      std::string_view expr;
      if (target["expr"].get(expr) == simdjson::SUCCESS) out.emplace_back(expr);
    }
  }
}

}  // namespace

TEST_CASE("ExprMetricNames finds the metrics of a PromQL expression and nothing else") {
  CHECK(ExprMetricNames(R"(histogram_quantile(0.99, sum by (le, path) (rate(mltrend_query_duration_seconds_bucket{path!="other"}[$__rate_interval]))))") ==
        std::set<std::string>{"mltrend_query_duration_seconds_bucket"});
  CHECK(ExprMetricNames("sum without(code) (rate(x_total[5m])) / max by(l) (y)") == std::set<std::string>{"x_total", "y"});
  CHECK(ExprMetricNames(R"(mltrend_sink_lag{sink=~"$sink"} or on (sink) mltrend_sink_cursor * 0)") ==
        std::set<std::string>{"mltrend_sink_lag", "mltrend_sink_cursor"});
}

TEST_CASE("the metrics listener is off by default and, when configured, serves /metrics and /healthz over TCP") {
  e2e::CrawledListing listing;
  e2e::RequireCrawled(listing);
  e2e::Sandbox& box = listing.box;
  {
    e2e::ServingDaemon serving(box);
    mltrend_test::ChildProcess& daemon = serving.Process();
    CHECK(DaemonTcpPorts(daemon.Pid()) == std::set<unsigned>{});
    CHECK(e2e::Get(box.socket, "/v1/status").body.find("\"metrics_listen\":null") != std::string::npos);
    daemon.Signal(SIGTERM);
    REQUIRE(daemon.Wait() == 0);
    CHECK(daemon.Stderr().find("metrics listener") == std::string::npos);
  }
  e2e::EnableMetricsListener(box);
  e2e::ServingDaemon serving(box);
  mltrend_test::ChildProcess& daemon = serving.Process();
  const std::string at = e2e::MetricsAddress(box.socket);
  INFO(at);
  REQUIRE(at.rfind("127.0.0.1:", 0) == 0);
  CHECK(DaemonTcpPorts(daemon.Pid()) == std::set<unsigned>{static_cast<unsigned>(std::stoul(at.substr(10)))});
  const std::string base = "http://" + at;

  mltrend::HttpResponse metrics = e2e::HttpGet(base + "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.headers.Get("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(metrics_test::CheckExposition(metrics.body) == "");
  // The socket's page and the listener's are one renderer's: the persisted
  // and store figures agree.
  const std::string socket_page = e2e::Get(box.socket, "/metrics").body;
  for (const char* series : {R"(mltrend_source_runs_total{source="hf"})", R"(mltrend_store_records{source="hf"})"}) {
    INFO(series);
    REQUIRE(metrics_test::SampleValue(metrics.body, series).has_value());
    CHECK(metrics_test::SampleValue(metrics.body, series) == metrics_test::SampleValue(socket_page, series));
  }
  CHECK(metrics_test::SampleValue(metrics.body, R"(mltrend_store_records{source="hf"})") == 9715);
  mltrend::HttpResponse health = e2e::HttpGet(base + "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok"})");
  CHECK(e2e::HttpGet(base + "/v1/status").status == 404);
  CHECK(e2e::HttpGet(base + "/v1/trends?period=month").status == 404);
  CHECK(e2e::HttpGet(base + "/v1/openapi.json").status == 404);

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  CHECK(daemon.Stderr().find("metrics listener on " + at + " (GET /metrics and /healthz only)") != std::string::npos);
}

TEST_CASE("every metric the shipped Grafana dashboard queries is one the real daemon exports") {
  e2e::CrawledListing listing;
  e2e::RequireCrawled(listing);
  e2e::EnableMetricsListener(listing.box);
  e2e::ServingDaemon serving(listing.box);
  mltrend_test::ChildProcess& daemon = serving.Process();
  const std::string page = e2e::HttpGet("http://" + e2e::MetricsAddress(listing.box.socket) + "/metrics").body;
  const std::set<std::string> exported = e2e::MetricNames(page);

  simdjson::dom::parser parser;
  const auto dashboard_file = mltrend_test::FixturePath("../../config/grafana/mltrend-dashboard.json");
  simdjson::dom::element dashboard = e2e::LoadJson(parser, dashboard_file);
  std::vector<std::string> exprs;
  CollectExprs(dashboard["panels"].get_array(), exprs);
  // Every query of the file, counted independently in its text.
  const std::string text = mltrend_test::ReadFile(dashboard_file);
  size_t in_text = 0;
  for (size_t at = text.find("\"expr\""); at != std::string::npos; at = text.find("\"expr\"", at + 1)) ++in_text;
  CHECK(exprs.size() == in_text);
  std::set<std::string> used, missing;
  for (const std::string& expr : exprs) {
    for (const std::string& name : ExprMetricNames(expr)) used.insert(name);
  }
  for (const std::string& name : used) {
    if (!exported.count(name)) missing.insert(name);
  }
  INFO(page);
  CHECK(used.size() >= 10);
  CHECK(missing == std::set<std::string>{});
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
