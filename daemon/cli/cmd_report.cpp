//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_report.cpp
//===----------------------------------------------------------------------===//
// mltrend report: asks the daemon everything the report page shows (status,
// sources, each source's trends under several queries, the rules) and
// writes the page.
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "commands.hpp"
#include "mltrendd/cli/render.hpp"
#include "mltrendd/cli/report_html.hpp"

namespace mltrend_cli {
namespace {

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

//! One trends query for the report; on failure `why` says what the daemon answered.
bool Trends(const Invocation& inv, const std::map<std::string, std::string>& params, mltrendd::TrendsData& out,
            std::string& why) {
  mltrendd::SocketAnswer answer;
  int exit_code = kOk;
  const std::string target = TrendsTarget(inv.options, params);
  if (!Get(inv.socket, target, answer, exit_code)) {
    why = "the daemon did not answer " + target;
    return false;
  }
  if (answer.status != 200) {
    why = target + ": " + mltrendd::ErrorMessageOf(answer.body) + " (HTTP " + std::to_string(answer.status) + ")";
    return false;
  }
  mltrend::Status s = mltrendd::ParseTrends(answer.body, out);
  if (!s.ok()) why = target + ": " + s.message();
  return s.ok();
}

double WeightTotal(const mltrendd::TrendsData& t) {
  double sum = 0;
  for (const auto& row : t.rows) sum += static_cast<double>(row.total);
  return sum;
}

mltrendd::ReportSource ReadSource(const Invocation& inv, const std::string& name, const std::string& plugin) {
  mltrendd::ReportSource s;
  s.name = name;
  s.plugin = plugin;
  const std::map<std::string, std::string> base = {
      {"source", name}, {"axis", "cohort"}, {"bucket", "quarter"}, {"metric", "exclusive"}, {"weight", "count"}};
  auto with = [&](const char* key, const char* value) {
    auto p = base;
    p[key] = value;
    return p;
  };
  if (!Trends(inv, base, s.cohort, s.error)) return s;
  if (!Trends(inv, with("metric", "available"), s.cohort_available, s.error)) return s;
  std::string ignored;
  // A daemon that has not taken a snapshot yet (or predates them) still
  // gets a report: the latest shares then come from the whole store.
  if (!Trends(inv, with("axis", "observed"), s.observed, ignored)) s.observed = {};
  auto among = with("among", "pytorch,tensorflow");
  if (!Trends(inv, among, s.among_exclusive, ignored)) s.among_exclusive = {};
  among["metric"] = "available";
  if (!Trends(inv, among, s.among_available, ignored)) s.among_available = {};
  mltrendd::SocketAnswer coverage;
  int exit_code = kOk;
  std::map<std::string, std::string> params = {{"source", name}, {"bucket", "quarter"}};
  if (auto it = inv.options.find("sink"); it != inv.options.end()) params["sink"] = it->second;
  s.has_coverage = Get(inv.socket, Target("/v1/coverage", params), coverage, exit_code) && coverage.status == 200 &&
                   mltrendd::ParseCoverage(coverage.body, s.coverage).ok();
  for (const char* weight : {"downloads", "stars", "likes"}) {
    mltrendd::TrendsData t;
    if (Trends(inv, with("weight", weight), t, ignored) && WeightTotal(t) > 0) s.weighted.push_back(std::move(t));
  }
  return s;
}

void ReadRules(const Invocation& inv, mltrendd::ReportInput& in) {
  mltrendd::SocketAnswer answer;
  int exit_code = kOk;
  std::map<std::string, std::string> params;
  if (auto it = inv.options.find("sink"); it != inv.options.end()) params["sink"] = it->second;
  const std::string target = Target("/v1/rules", params);
  if (!Get(inv.socket, target, answer, exit_code)) {
    in.rules_missing = "the daemon did not answer /v1/rules";
    return;
  }
  if (answer.status == 404) {
    in.rules_missing = "this daemon does not serve /v1/rules";
    return;
  }
  if (answer.status != 200) {
    in.rules_missing = mltrendd::ErrorMessageOf(answer.body) + " (HTTP " + std::to_string(answer.status) + ")";
    return;
  }
  mltrend::Status s = mltrendd::ParseRulesAnswer(answer.body, in.rules);
  in.rules_available = s.ok();
  if (!s.ok()) in.rules_missing = s.message();
}

}  // namespace

int RunReport(const Invocation& inv) {
  for (const auto& [key, value] : inv.options) {
    if (key != "output" && key != "sink" && key != "top" && key != "unknown") {
      return Usage("report does not take --" + key);
    }
  }
  if (!inv.positional.empty()) return Usage("report takes no argument");
  mltrendd::ReportInput in;
  int exit_code = kOk;
  if (!ParseChartOptions(inv.options, in.chart, exit_code)) return exit_code;
  std::string status, sources;
  if (!Fetch(inv.socket, "/v1/status", status, exit_code) || !Fetch(inv.socket, "/v1/sources", sources, exit_code)) {
    return exit_code;
  }
  in.generated_at = UtcNow();
  in.daemon_version = mltrendd::JsonStringField(status, "version");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array list;
  if (parser.parse(sources).get(doc) != simdjson::SUCCESS || doc["sources"].get(list) != simdjson::SUCCESS) {
    std::fprintf(stderr, "mltrend: the /v1/sources answer has no sources\n");
    return kFailed;
  }
  const std::string cli = "mltrend --socket " + inv.socket;
  const auto output = inv.options.count("output") ? inv.options.at("output") : std::string();
  in.commands.push_back(cli + " report" + (output.empty() ? std::string() : " --output " + output));
  for (simdjson::dom::element item : list) {
    std::string_view name, plugin;
    if (item["name"].get(name) != simdjson::SUCCESS) continue;
    if (item["plugin"].get(plugin) != simdjson::SUCCESS) plugin = "";
    in.sources.push_back(ReadSource(inv, std::string(name), std::string(plugin)));
    const std::string n(name);
    in.commands.push_back(cli + " chart --source " + n + " --bucket quarter --output " + n + "-cohort.svg");
    in.commands.push_back(cli + " trends --source " + n + " --axis observed");
  }
  in.commands.push_back(cli + " compare --framework pytorch --metric available --bucket year");
  ReadRules(inv, in);
  return Emit(output, mltrendd::RenderReportHtml(in));
}

}  // namespace mltrend_cli
