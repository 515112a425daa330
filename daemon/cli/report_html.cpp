//===----------------------------------------------------------------------===//
// mltrendd — cli/report_html.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/report_html.hpp"

#include "mltrendd/cli/markup.hpp"
#include "mltrendd/cli/palette.hpp"
#include "mltrendd/cli/report_summary.hpp"
#include "mltrendd/cli/svg_chart.hpp"
#include "render_detail.hpp"

namespace mltrendd {
namespace {

using render_detail::Number;
using render_detail::Percent;

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#fafafa;margin:0}
main{max-width:1000px;margin:0 auto;padding:16px 24px 48px}
header{border-bottom:1px solid #ddd;margin-bottom:16px}
h1{font-size:26px;margin:16px 0 4px}h2{font-size:21px;margin:32px 0 8px;border-bottom:2px solid #eee}
h3{font-size:16px;margin:20px 0 6px}
.meta{color:#555;font-size:13px}
pre{background:#f0f0f0;padding:8px 10px;overflow-x:auto;font-size:12px;border-radius:4px}
svg{max-width:100%;height:auto;display:block;border:1px solid #e6e6e6;background:#fff}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f3f3f3}
td:first-child,th:first-child{text-align:left}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;vertical-align:middle}
.seed{font-size:17px;font-weight:600;margin:8px 0}
.error{color:#a00}
nav a{margin-right:12px}
)";

std::string Esc(const std::string& s) { return XmlEscape(s); }

std::string Swatch(const std::string& name) {
  return "<span class=\"swatch\" style=\"background:" + FrameworkColour(name) + "\"></span>";
}

std::string Chart(const TrendsData& data, const ChartOptions& options) {
  return RenderSvgChart(BuildChartModel(data, options), false);
}

std::string LatestTable(const ShareSnapshot& snap) {
  std::string out = "<p class=\"meta\">" + Esc(snap.label) + ": " + std::to_string(snap.total) + " records, " +
                    std::to_string(snap.classified) + " classified, " + std::to_string(snap.unknown) +
                    " unknown (" + Percent(snap.total ? static_cast<double>(snap.unknown) / static_cast<double>(snap.total) : 0) +
                    " of all), " + std::to_string(snap.multi) + " with several frameworks.</p>\n";
  out += "<table class=\"latest\"><tr><th>framework</th><th>records</th><th>share of classified</th></tr>\n";
  for (const ShareLine& l : snap.frameworks) {
    out += "<tr><td>" + Swatch(l.framework) + Esc(l.framework) + "</td><td>" + Number(l.value) + "</td><td>" +
           Percent(l.share) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string ExclusiveAvailableSection(const ReportSource& s) {
  auto lines = CompareExclusiveAvailable(s.cohort, s.cohort_available);
  std::string out = "<h3>Exclusive vs available</h3>\n";
  if (lines.empty()) return out + "<p class=\"meta\">No classified records yet.</p>\n";
  if (std::string sentence = ExclusiveAvailableSentence(lines); !sentence.empty()) {
    out += "<p class=\"seed\">Among every framework: " + Esc(sentence) + "</p>\n";
  }
  // The 2022 analysis asked "PyTorch or TensorFlow?": the same sentence with
  // every other framework left outside the classified records.
  const auto among = CompareExclusiveAvailable(s.among_exclusive, s.among_available);
  if (std::string sentence = ExclusiveAvailableSentence(among); !sentence.empty()) {
    out += "<p class=\"seed among\">Among PyTorch and TensorFlow only, as the 2022 analysis asked: " +
           Esc(sentence) + "</p>\n";
  }
  out += "<p class=\"meta\">Exclusive: the record names only this framework. Available: the framework is among "
         "those it names. Shares of the classified records, all periods together.</p>\n";
  out += "<table class=\"exclusive-available\"><tr><th>framework</th><th>exclusive</th><th>available</th></tr>\n";
  for (const ExclusiveAvailable& l : lines) {
    out += "<tr><td>" + Swatch(l.framework) + Esc(l.framework) + "</td><td>" + Percent(l.exclusive) + "</td><td>" +
           Percent(l.available) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string CoverageSection(const ReportSource& s) {
  std::string out = "<h3>Coverage: what the evidence reaches</h3>\n";
  if (!s.has_coverage) return out + "<p class=\"meta\">This daemon does not report coverage.</p>\n";
  const CoverageData& c = s.coverage;
  out += "<p class=\"meta\">" + std::to_string(c.total) + " records; " + std::to_string(c.unknown) + " unknown (" +
         Percent(c.total ? static_cast<double>(c.unknown) / static_cast<double>(c.total) : 0) +
         "). Classified records by the grade of their evidence per quarter: direct (a framework tag, weight file, "
         "header or declared framework), library (a library that runs on one framework), lineage (inherited from "
         "a base model); unknown in grey.</p>\n";
  ChartOptions options;
  options.top = 3;
  options.show_unknown = true;
  out += RenderSvgChart(BuildChartModel(c.periods, options), false);
  if (c.reasons.empty()) return out;
  out += "<table class=\"coverage\"><tr><th>unknown, by reason</th><th>records</th></tr>\n";
  for (const auto& [reason, count] : c.reasons)
    out += "<tr><td>" + Esc(reason) + "</td><td>" + std::to_string(count) + "</td></tr>\n";
  return out + "</table>\n";
}

std::string SourceSection(const ReportSource& s, const ChartOptions& options) {
  std::string out = "<section class=\"source\" id=\"source-" + Esc(s.name) + "\">\n<h2>" + Esc(s.name) +
                    " <span class=\"meta\">(" + Esc(s.plugin) + ")</span></h2>\n";
  if (!s.error.empty()) return out + "<p class=\"error\">" + Esc(s.error) + "</p>\n</section>\n";
  out += "<h3>Cohort by quarter (records by creation date)</h3>\n" + Chart(s.cohort, options);
  out += "<h3>Latest shares</h3>\n" + LatestTable(LatestShares(s.observed, s.cohort));
  out += ExclusiveAvailableSection(s);
  out += CoverageSection(s);
  for (const TrendsData& w : s.weighted) {
    out += "<h3>Weighted by " + Esc(w.weight) + "</h3>\n" + Chart(w, options);
    out += LatestTable(LatestShares(TrendsData{}, w));
  }
  return out + "</section>\n";
}

std::string RulesSection(const ReportInput& in) {
  std::string out = "<section id=\"rules\">\n<h2>Classification rules</h2>\n";
  if (!in.rules_available) {
    return out + "<p class=\"meta\">rules not available" +
           (in.rules_missing.empty() ? std::string() : ": " + Esc(in.rules_missing)) + "</p>\n</section>\n";
  }
  out += "<p class=\"meta\">Rules version " + Esc(in.rules.version) +
         (in.rules.sink.empty() ? std::string() : " (sink " + Esc(in.rules.sink) + ")") + "</p>\n";
  out += "<table class=\"rules\"><tr><th>framework</th><th>grade</th><th>evidence</th><th>note</th></tr>\n";
  for (const RuleEntry& r : in.rules.rules) {
    std::string evidence;
    for (const auto& [kind, values] : r.evidence) {
      std::string list;
      for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
      evidence += (evidence.empty() ? "" : "<br>") + Esc(kind) + ": " + Esc(list);
    }
    out += "<tr><td>" + Swatch(r.framework) + Esc(r.framework) + "</td><td>" + Esc(r.grade) +
           "</td><td style=\"text-align:left\">" + evidence +
           "</td><td style=\"text-align:left\">" + Esc(r.note) + "</td></tr>\n";
  }
  out += "</table>\n";
  if (!in.rules.decisions.empty()) {
    out += "<h3>Decisions</h3>\n<ul>\n";
    for (const auto& d : in.rules.decisions) out += "<li>" + Esc(d) + "</li>\n";
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string RenderReportHtml(const ReportInput& in) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>mltrend framework share report</title>\n<style>" +
                    std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n<header>\n"
                    "<h1>Framework share report</h1>\n<p class=\"meta\">Generated " + Esc(in.generated_at) +
                    " by mltrend from mltrendd " + Esc(in.daemon_version) + "; rules " +
                    Esc(in.rules_available ? in.rules.version : "not available") + ".</p>\n";
  out += "<p class=\"meta\">Reproduce:</p>\n<pre>";
  for (const auto& c : in.commands) out += Esc(c) + "\n";
  out += "</pre>\n<nav>";
  for (const ReportSource& s : in.sources) out += "<a href=\"#source-" + Esc(s.name) + "\">" + Esc(s.name) + "</a>";
  out += "<a href=\"#rules\">rules</a></nav>\n</header>\n";
  if (in.sources.empty()) out += "<p class=\"meta\">No sources are configured.</p>\n";
  for (const ReportSource& s : in.sources) out += SourceSection(s, in.chart);
  out += RulesSection(in);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace mltrendd
