//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_query.cpp
//===----------------------------------------------------------------------===//
// mltrend trends, chart and compare: one /v1/trends question each (compare
// one per source), rendered for a person, a script or a picture.
#include <simdjson.h>

#include <cstdio>
#include <vector>

#include "commands.hpp"
#include "mltrendd/cli/chart_model.hpp"
#include "mltrendd/cli/compare.hpp"
#include "mltrendd/cli/render.hpp"
#include "mltrendd/cli/svg_chart.hpp"

namespace mltrend_cli {
namespace {

int Failed(const mltrend::Status& s) {
  std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
  return kFailed;
}

//! `--format csv`: the daemon's own CSV when it serves one in the columns
//! RenderTrendsCsv writes, else the JSON answer rendered here. Either way the
//! output is the same text, whichever daemon answers: one from before
//! format=csv, or one whose CSV is laid out differently (a wide table).
int TrendsCsv(const Invocation& inv) {
  mltrendd::SocketAnswer answer;
  int exit_code = kOk;
  if (!Get(inv.socket, TrendsTarget(inv.options, {{"format", "csv"}}), answer, exit_code)) return exit_code;
  const bool csv = answer.status == 200 && answer.content_type.rfind("text/csv", 0) == 0;
  const bool refetch_json = (answer.status == 400 && mltrendd::JsonStringField(answer.body, "parameter") == "format") ||
                              (csv && answer.body.rfind(mltrendd::kTrendsCsvHeader, 0) != 0);
  if (csv && !refetch_json) {
    if (!answer.body.empty() && answer.body.back() != '\n') answer.body += '\n';
    std::fputs(answer.body.c_str(), stdout);
    return kOk;
  }
  std::string json = answer.body;
  if (answer.status != 200 && !refetch_json) {
    std::fprintf(stderr, "mltrend: %s (HTTP %d)\n", mltrendd::ErrorMessageOf(answer.body).c_str(), answer.status);
    return kFailed;
  }
  if (refetch_json && !Fetch(inv.socket, TrendsTarget(inv.options), json, exit_code)) return exit_code;
  std::string out;
  mltrend::Status s = mltrendd::RenderTrendsCsv(json, out);
  if (!s.ok()) return Failed(s);
  std::fputs(out.c_str(), stdout);
  return kOk;
}

}  // namespace

int RunTrends(const Invocation& inv) {
  std::string bad;
  if (!CheckTrendsOptions(inv.options, {}, bad)) return Usage("trends does not take --" + bad);
  if (!inv.positional.empty()) return Usage("trends takes no argument");
  if (inv.format == "csv") return TrendsCsv(inv);
  if (inv.format != "table" && inv.format != "json") return Usage("unknown --format '" + inv.format + "'");
  std::string body;
  int exit_code = kOk;
  if (!Fetch(inv.socket, TrendsTarget(inv.options), body, exit_code)) return exit_code;
  std::string out = body + "\n";
  if (inv.format == "table") {
    mltrend::Status s = mltrendd::RenderTrendsTable(body, out);
    if (!s.ok()) return Failed(s);
  }
  std::fputs(out.c_str(), stdout);
  return kOk;
}

int RunChart(const Invocation& inv) {
  std::string bad;
  if (!CheckTrendsOptions(inv.options, {"top", "unknown", "output"}, bad)) return Usage("chart does not take --" + bad);
  if (!inv.positional.empty()) return Usage("chart takes no argument");
  if (inv.format != "table" && inv.format != "svg") return Usage("chart writes SVG only");
  mltrendd::ChartOptions options;
  int exit_code = kOk;
  if (!ParseChartOptions(inv.options, options, exit_code)) return exit_code;
  std::string body;
  if (!Fetch(inv.socket, TrendsTarget(inv.options), body, exit_code)) return exit_code;
  mltrendd::TrendsData trends;
  mltrend::Status s = mltrendd::ParseTrends(body, trends);
  if (!s.ok()) return Failed(s);
  auto output = inv.options.find("output");
  return Emit(output == inv.options.end() ? "" : output->second,
              mltrendd::RenderSvgChart(mltrendd::BuildChartModel(trends, options), true));
}

int RunCompare(const Invocation& inv) {
  std::string bad;
  if (!CheckTrendsOptions(inv.options, {"framework"}, bad)) return Usage("compare does not take --" + bad);
  if (inv.options.count("source")) return Usage("compare asks every source; it takes no --source");
  auto framework = inv.options.find("framework");
  if (framework == inv.options.end() || framework->second.empty()) return Usage("compare needs --framework NAME");
  if (inv.format != "table" && inv.format != "csv" && inv.format != "json") {
    return Usage("unknown --format '" + inv.format + "'");
  }
  std::string body;
  int exit_code = kOk;
  if (!Fetch(inv.socket, "/v1/sources", body, exit_code)) return exit_code;
  std::vector<std::string> names;
  {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array sources;
    if (parser.parse(body).get(doc) != simdjson::SUCCESS || doc["sources"].get(sources) != simdjson::SUCCESS) {
      return Failed(mltrend::Status::Invalid("the /v1/sources answer has no sources"));
    }
    for (simdjson::dom::element s : sources) {
      std::string_view name;
      if (s["name"].get(name) == simdjson::SUCCESS) names.emplace_back(name);
    }
  }
  std::vector<mltrendd::TrendsData> series;
  for (const std::string& name : names) {
    if (!Fetch(inv.socket, TrendsTarget(inv.options, {{"source", name}}), body, exit_code)) return exit_code;
    mltrendd::TrendsData t;
    mltrend::Status s = mltrendd::ParseTrends(body, t);
    if (!s.ok()) return Failed(s);
    series.push_back(std::move(t));
  }
  std::string out;
  mltrend::Status s = mltrendd::RenderCompare(framework->second, series, inv.format, out);
  if (!s.ok()) return Failed(s);
  std::fputs(out.c_str(), stdout);
  return kOk;
}

}  // namespace mltrend_cli
