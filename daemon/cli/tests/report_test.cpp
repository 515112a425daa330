// The report page and what it summarises: latest shares, exclusive vs
// available (the seed article's sentence), the rules; and `mltrend compare`.
#include <catch2/catch.hpp>

#include "mltrendd/cli/compare.hpp"
#include "mltrendd/cli/report_html.hpp"
#include "mltrendd/cli/report_summary.hpp"
#include "mltrendd/cli/rules_data.hpp"

using mltrendd::TrendsData;

namespace {

TrendsData Parse(const std::string& json) {
  TrendsData t;
  REQUIRE(mltrendd::ParseTrends(json, t).ok());
  return t;
}

std::string Series(const std::string& source, const std::string& metric, const std::string& rows) {
  return R"({"source":")" + source + R"(","axis":"cohort","bucket":"quarter","metric":")" + metric +
         R"(","weight":"count","rules_version":"2026-11-24","series":[)" + rows + "]}";
}

// 100 classified over two quarters: 85 PyTorch only, 8 TensorFlow only, 7
// with several frameworks; 16 support TensorFlow, 92 PyTorch.
const std::string kExclusive = Series("hf", "exclusive",
    R"({"period":"2024-Q1","total":60,"classified":50,"unknown":10,"multi":3,"frameworks":{"pytorch":{"value":43,"share":0.86},"tensorflow":{"value":4,"share":0.08}}},
       {"period":"2024-Q2","total":60,"classified":50,"unknown":10,"multi":4,"frameworks":{"pytorch":{"value":42,"share":0.84},"tensorflow":{"value":4,"share":0.08}}})");
const std::string kAvailable = Series("hf", "available",
    R"({"period":"2024-Q1","total":60,"classified":50,"unknown":10,"multi":3,"frameworks":{"pytorch":{"value":46,"share":0.92},"tensorflow":{"value":8,"share":0.16}}},
       {"period":"2024-Q2","total":60,"classified":50,"unknown":10,"multi":4,"frameworks":{"pytorch":{"value":46,"share":0.92},"tensorflow":{"value":8,"share":0.16}}})");

}  // namespace

TEST_CASE("exclusive vs available gives the seed article's sentence from the data") {
  auto lines = mltrendd::CompareExclusiveAvailable(Parse(kExclusive), Parse(kAvailable));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].framework == "pytorch");
  CHECK(lines[0].exclusive == Approx(0.85));
  CHECK(lines[1].available == Approx(0.16));
  CHECK(mltrendd::ExclusiveAvailableSentence(lines) ==
        "PyTorch-exclusive 85.0% / available for TensorFlow 16.0% / TensorFlow-exclusive 8.0%");
  CHECK(mltrendd::ExclusiveAvailableSentence({}).empty());
}

TEST_CASE("latest shares: the last observed snapshot, else the whole store") {
  const TrendsData observed = Parse(R"({"source":"hf","axis":"observed","bucket":"day","metric":"exclusive","weight":"count","rules_version":"r","series":[
    {"period":"2026-11-24","total":5,"classified":4,"unknown":1,"multi":0,"frameworks":{"pytorch":{"value":4,"share":1}}},
    {"period":"2026-11-25","total":10,"classified":8,"unknown":2,"multi":1,"frameworks":{"pytorch":{"value":6,"share":0.75},"jax":{"value":1,"share":0.125}}}]})");
  auto snap = mltrendd::LatestShares(observed, Parse(kExclusive));
  CHECK(snap.label == "observed 2026-11-25");
  CHECK(snap.total == 10);
  REQUIRE(snap.frameworks.size() == 2);
  CHECK(snap.frameworks[0].framework == "pytorch");
  CHECK(snap.frameworks[0].share == Approx(0.75));
  auto whole = mltrendd::LatestShares(TrendsData{}, Parse(kExclusive));
  CHECK(whole.label.find("all records") == 0);
  CHECK(whole.total == 120);
  CHECK(whole.frameworks[0].value == 85);
}

TEST_CASE("the /v1/rules answer is read with its evidence, notes and decisions") {
  mltrendd::RulesData rules;
  REQUIRE(mltrendd::ParseRulesAnswer(R"({"sink":"trends","version":"2026-11-24","rules":[
    {"framework":"pytorch","tags":["pytorch","torch"],"library_names":[],"topics":["pytorch"],"declared":["pytorch"],
     "dependencies":["torch"],"note":"transformers is not PyTorch"},
    {"framework":"jax","tags":["jax"]}],"decisions":["gguf is a format, not a framework",{"text":"Keras apart"}]})",
                                      rules)
              .ok());
  CHECK(rules.version == "2026-11-24");
  REQUIRE(rules.rules.size() == 2);
  CHECK(rules.rules[0].evidence.size() == 4);  // the empty library_names left out
  CHECK(rules.rules[0].note == "transformers is not PyTorch");
  CHECK(rules.decisions == std::vector<std::string>{"gguf is a format, not a framework", "Keras apart"});
  CHECK_FALSE(mltrendd::ParseRulesAnswer(R"({"error":"not_found"})", rules).ok());
}

TEST_CASE("the report page is self-contained and shows each source's story and the rules") {
  mltrendd::ReportInput in;
  in.generated_at = "2026-11-25T02:00:00Z";
  in.daemon_version = "0.3.0";
  in.commands = {"mltrend --socket /run/x.sock report --output report.html"};
  mltrendd::ReportSource hf;
  hf.name = "hf";
  hf.plugin = "huggingface";
  hf.cohort = Parse(kExclusive);
  hf.cohort_available = Parse(kAvailable);
  TrendsData downloads = Parse(kExclusive);
  downloads.weight = "downloads";
  hf.weighted.push_back(downloads);
  mltrendd::ReportSource broken;
  broken.name = "gh<1>";
  broken.plugin = "github";
  broken.error = "/v1/trends?source=gh: not ready (HTTP 503)";
  in.sources = {hf, broken};
  in.rules_missing = "this daemon does not serve /v1/rules";

  const std::string html = mltrendd::RenderReportHtml(in);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  // Nothing fetched: no script, stylesheet link, image or font URL.
  for (const char* banned : {"<script", "<link", "<img", "src=", "url(", "@import", "https://"})
    CHECK(html.find(banned) == std::string::npos);
  CHECK(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);  // inline SVG carries no declaration
  CHECK(html.find("PyTorch-exclusive 85.0% / available for TensorFlow 16.0% / TensorFlow-exclusive 8.0%") !=
        std::string::npos);
  CHECK(html.find("Weighted by downloads") != std::string::npos);
  CHECK(html.find("rules not available: this daemon does not serve /v1/rules") != std::string::npos);
  CHECK(html.find("Generated 2026-11-25T02:00:00Z") != std::string::npos);
  CHECK(html.find("mltrendd 0.3.0") != std::string::npos);
  CHECK(html.find("report --output report.html") != std::string::npos);
  CHECK(html.find("gh&lt;1&gt;") != std::string::npos);
  CHECK(html.find("not ready (HTTP 503)") != std::string::npos);

  in.rules_available = true;
  REQUIRE(mltrendd::ParseRulesAnswer(R"({"sink":"trends","version":"2026-11-24","rules":[
    {"framework":"pytorch","tags":["pytorch"],"note":"the <b>main</b> one"}],"decisions":["keep keras apart"]})",
                                      in.rules)
              .ok());
  const std::string with_rules = mltrendd::RenderReportHtml(in);
  CHECK(with_rules.find("Rules version 2026-11-24") != std::string::npos);
  CHECK(with_rules.find("tags: pytorch") != std::string::npos);
  CHECK(with_rules.find("the &lt;b&gt;main&lt;/b&gt; one") != std::string::npos);
  CHECK(with_rules.find("<li>keep keras apart</li>") != std::string::npos);
}

TEST_CASE("compare puts every source side by side per period") {
  const std::vector<TrendsData> series = {
      Parse(Series("hf", "available",
                   R"({"period":"2024-Q1","total":10,"classified":10,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":9,"share":0.9}}},
                      {"period":"undated","total":1,"classified":1,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":1,"share":1}}})")),
      Parse(Series("pwc", "available",
                   R"({"period":"2023-Q4","total":4,"classified":4,"unknown":0,"multi":0,"frameworks":{"tensorflow":{"value":4,"share":1}}},
                      {"period":"2024-Q1","total":4,"classified":4,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":2,"share":0.5}}})"))};
  std::string out;
  REQUIRE(mltrendd::RenderCompare("pytorch", series, "table", out).ok());
  INFO(out);
  CHECK(out.find("framework pytorch · metric available · bucket quarter") == 0);
  const size_t q4 = out.find("2023-Q4"), q1 = out.find("2024-Q1"), undated = out.find("undated");
  CHECK(q4 < q1);
  CHECK(q1 < undated);
  CHECK(out.find("90.0%", q1) < out.find("50.0%", q1));
  REQUIRE(mltrendd::RenderCompare("pytorch", series, "csv", out).ok());
  CHECK(out ==
        "period,source,classified,value,share\n"
        "2023-Q4,pwc,4,0,0.000000\n"
        "2024-Q1,hf,10,9,0.900000\n"
        "2024-Q1,pwc,4,2,0.500000\n"
        "undated,hf,1,1,1.000000\n");
  REQUIRE(mltrendd::RenderCompare("pytorch", series, "json", out).ok());
  CHECK(out.find(R"("sources":["hf","pwc"])") != std::string::npos);
  CHECK(out.find(R"({"period":"2024-Q1","sources":{"hf":{"classified":10,"value":9,"share":0.9},"pwc":)") !=
        std::string::npos);
  CHECK_FALSE(mltrendd::RenderCompare("pytorch", series, "xml", out).ok());
}
