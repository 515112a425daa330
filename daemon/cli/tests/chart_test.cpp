// The SVG chart: bands that fill the plot, the top K and "other", unknown
// shown or hidden, colours stable per framework, text escaped, well-formed
// XML (checked by python3's xml.etree through check_svg.py).
#include <catch2/catch.hpp>

#include <regex>

#include "mltrend_test/process.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/cli/chart_model.hpp"
#include "mltrendd/cli/markup.hpp"
#include "mltrendd/cli/palette.hpp"
#include "mltrendd/cli/svg_chart.hpp"

using mltrendd::BuildChartModel;
using mltrendd::ChartModel;
using mltrendd::ChartOptions;
using mltrendd::TrendsData;

namespace {

// Seven frameworks, so that the top 5 leave two for "other"; a period with
// nothing classified and an undated one, which the chart leaves out.
const std::string kSeven = R"({"source":"pwc","axis":"cohort","bucket":"year","metric":"exclusive","weight":"count",
 "rules_version":"2026-11-24","series":[
 {"period":"2019","total":100,"classified":80,"unknown":20,"multi":5,"frameworks":{
   "pytorch":{"value":40,"share":0.5},"tensorflow":{"value":20,"share":0.25},"jax":{"value":5,"share":0.0625},
   "keras":{"value":4,"share":0.05},"mxnet":{"value":3,"share":0.0375},"caffe2":{"value":2,"share":0.025},
   "mindspore":{"value":1,"share":0.0125}}},
 {"period":"2020","total":10,"classified":0,"unknown":10,"multi":0,"frameworks":{}},
 {"period":"2021","total":200,"classified":150,"unknown":50,"multi":10,"frameworks":{
   "pytorch":{"value":120,"share":0.8},"tensorflow":{"value":10,"share":0.0667},"jax":{"value":8,"share":0.0533},
   "keras":{"value":1,"share":0.0067},"mxnet":{"value":1,"share":0.0067}}},
 {"period":"undated","total":7,"classified":7,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":7,"share":1}}}]})";

TrendsData Parse(const std::string& json) {
  TrendsData t;
  REQUIRE(mltrendd::ParseTrends(json, t).ok());
  return t;
}

const mltrendd::ChartBand* Band(const ChartModel& m, const std::string& name) {
  for (const auto& b : m.bands)
    if (b.name == name) return &b;
  return nullptr;
}

//! Runs check_svg.py over `svg`; REQUIREs it passes and returns its JSON line.
std::string CheckSvg(const std::string& svg) {
  mltrend_test::TempDir dir;
  const auto file = dir / "chart.svg";
  mltrend_test::WriteFile(file, svg);
  std::string out;
  const int status = mltrend_test::RunCommand(
      {"python3", mltrend_test::FixturePath("../../daemon/cli/tests/check_svg.py").string(), file.string()}, out);
  INFO(svg);
  REQUIRE(status == 0);
  return out;
}

//! The fill of the band path named `name` in `svg`, "" when there is none.
std::string FillOf(const std::string& svg, const std::string& name) {
  std::smatch m;
  const std::regex re("data-band=\"" + name + "\" fill=\"(#[0-9a-f]{6})\"");
  return std::regex_search(svg, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("chart model: top K frameworks by share, the rest as other, several for multi, bands sum to 1") {
  const ChartModel m = BuildChartModel(Parse(kSeven), ChartOptions{});
  // 2020 had nothing classified and undated is not a date: both left out.
  REQUIRE(m.periods == std::vector<std::string>{"2019", "2021"});
  std::vector<std::string> names;
  for (const auto& b : m.bands) names.push_back(b.name);
  CHECK(names == std::vector<std::string>{"pytorch", "tensorflow", "jax", "keras", "mxnet", "other", "several"});
  // other = caffe2 + mindspore in 2019 (3 of 80 classified), nothing in 2021
  CHECK(Band(m, "other")->fractions[0] == Approx(3.0 / 80));
  CHECK(Band(m, "other")->fractions[1] == 0.0);
  CHECK(Band(m, "pytorch")->fractions[1] == Approx(120.0 / 150));
  CHECK(Band(m, "several")->fractions[0] == Approx(5.0 / 80));
  CHECK(Band(m, "unknown") == nullptr);
  for (size_t i = 0; i < m.periods.size(); ++i) {
    double sum = 0;
    for (const auto& b : m.bands) sum += b.fractions[i];
    CHECK(sum == Approx(1.0));
  }
  CHECK(m.x_caption.find("7 undated records not drawn") != std::string::npos);
  CHECK(m.subtitle.find("rules 2026-11-24") != std::string::npos);
}

TEST_CASE("chart model: unknown shown makes shares of the total; --top changes K") {
  const ChartModel m = BuildChartModel(Parse(kSeven), ChartOptions{2, true});
  std::vector<std::string> names;
  for (const auto& b : m.bands) names.push_back(b.name);
  CHECK(names == std::vector<std::string>{"pytorch", "tensorflow", "other", "several", "unknown"});
  CHECK(Band(m, "unknown")->fractions[0] == Approx(20.0 / 100));
  CHECK(Band(m, "pytorch")->fractions[0] == Approx(40.0 / 100));
  CHECK(Band(m, "other")->fractions[0] == Approx(15.0 / 100));  // jax keras mxnet caffe2 mindspore
  CHECK(m.subtitle.find("unknown in grey") != std::string::npos);
}

TEST_CASE("chart model: available shares overlap, so the bands are normalised") {
  const TrendsData t = Parse(R"({"source":"hf","axis":"cohort","bucket":"quarter","metric":"available","weight":"count",
    "rules_version":"r1","series":[{"period":"2024-Q1","total":10,"classified":10,"unknown":0,"multi":5,
    "frameworks":{"pytorch":{"value":10,"share":1.0},"tensorflow":{"value":5,"share":0.5}}}]})");
  const ChartModel m = BuildChartModel(t, ChartOptions{});
  CHECK(Band(m, "several") == nullptr);
  CHECK(Band(m, "pytorch")->fractions[0] == Approx(10.0 / 15));
  CHECK(m.subtitle.find("normalised") != std::string::npos);
}

TEST_CASE("the SVG is well-formed, standalone, and its bands fill the plot height in every column") {
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(Parse(kSeven), ChartOptions{5, true}), true);
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("viewBox=\"0 0 960 480\"") != std::string::npos);
  const std::string checked = CheckSvg(svg);
  // With unknown shown, 2020 (nothing classified, 10 unknown) is drawn too.
  CHECK(checked.find("\"columns\": 3") != std::string::npos);
  CHECK(checked.find("\"unknown\"") != std::string::npos);
  // Axis, gridlines and legend are there: 0-100% labels, periods, band names.
  for (const char* text : {">0%<", ">100%<", ">2019<", ">2020<", ">2021<", "pytorch 60%", "unknown 25%", "rules 2026-11-24"})
    CHECK(svg.find(text) != std::string::npos);
}

TEST_CASE("a single period is drawn as a full-width column that also fills the plot") {
  const TrendsData t = Parse(R"({"source":"hf","axis":"cohort","bucket":"quarter","metric":"exclusive","weight":"downloads",
    "rules_version":"r1","series":[{"period":"undated","total":10,"classified":6,"unknown":4,"multi":1,
    "frameworks":{"pytorch":{"value":5,"share":0.83}}}]})");
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(t, ChartOptions{}), true);
  const std::string checked = CheckSvg(svg);
  CHECK(checked.find("\"columns\": 2") != std::string::npos);  // the left and the right edge
  CHECK(svg.find(">undated<") != std::string::npos);
}

TEST_CASE("an empty series still makes a valid SVG that says so") {
  const TrendsData t = Parse(R"({"source":"hf","axis":"cohort","bucket":"quarter","metric":"exclusive","weight":"count","rules_version":"r1","series":[]})");
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(t, ChartOptions{}), true);
  CheckSvg(svg);
  CHECK(svg.find("no data yet") != std::string::npos);
}

TEST_CASE("period labels are thinned so that they do not overlap") {
  std::string json = R"({"source":"s","axis":"observed","bucket":"day","metric":"exclusive","weight":"count","rules_version":"r","series":[)";
  for (int d = 1; d <= 90; ++d) {
    char period[16];
    std::snprintf(period, sizeof period, "2026-%02d-%02d", 1 + (d - 1) / 30, 1 + (d - 1) % 30);
    json += std::string(d > 1 ? "," : "") + R"({"period":")" + period +
            R"(","total":2,"classified":2,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":2,"share":1}}})";
  }
  json += "]}";
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(Parse(json), ChartOptions{}), true);
  CheckSvg(svg);
  const std::regex label(">2026-\\d\\d-\\d\\d<");
  const size_t begin = svg.find("<g class=\"x-labels\"");
  const std::string axis = svg.substr(begin, svg.find("</g>", begin) - begin);
  const auto labels = static_cast<size_t>(
      std::distance(std::sregex_iterator(axis.begin(), axis.end(), label), std::sregex_iterator()));
  CHECK(labels == 8);  // 90 days, one label in 12: the 716-pixel plot's 8 slots of 84 pixels, all used
  CHECK(labels * 84 <= 716);  // each label (10 characters) gets its own slot of the 716-pixel plot
  CHECK(svg.find(">2026-01-01<") != std::string::npos);
}

TEST_CASE("colours are fixed for known frameworks and stable for others, whatever else is drawn") {
  CHECK(mltrendd::FrameworkColour("pytorch") == "#ee4c2c");
  CHECK(mltrendd::FrameworkColour("tensorflow") == "#ff9f1c");
  CHECK(mltrendd::FrameworkColour("jax") == "#3b7dd8");
  CHECK(mltrendd::FrameworkColour("zebra-nn") == mltrendd::FrameworkColour("zebra-nn"));
  CHECK(std::regex_match(mltrendd::FrameworkColour("zebra-nn"), std::regex("#[0-9a-f]{6}")));
  // The same framework in two charts with different company keeps its fill.
  const std::string a = R"({"source":"a","axis":"cohort","bucket":"year","metric":"exclusive","weight":"count","rules_version":"r","series":[
    {"period":"2020","total":3,"classified":3,"unknown":0,"multi":0,"frameworks":{"zebra-nn":{"value":1,"share":0.3},"pytorch":{"value":2,"share":0.6}}}]})";
  const std::string b = R"({"source":"b","axis":"cohort","bucket":"year","metric":"exclusive","weight":"count","rules_version":"r","series":[
    {"period":"2020","total":3,"classified":3,"unknown":0,"multi":0,"frameworks":{"zebra-nn":{"value":3,"share":1},"jax":{"value":0.5,"share":0.1}}}]})";
  const std::string svg_a = mltrendd::RenderSvgChart(BuildChartModel(Parse(a), ChartOptions{}), true);
  const std::string svg_b = mltrendd::RenderSvgChart(BuildChartModel(Parse(b), ChartOptions{}), true);
  CHECK(FillOf(svg_a, "zebra-nn") == mltrendd::FrameworkColour("zebra-nn"));
  CHECK(FillOf(svg_a, "zebra-nn") == FillOf(svg_b, "zebra-nn"));
  CHECK(FillOf(svg_a, "pytorch") == "#ee4c2c");
}

TEST_CASE("names from remote data are escaped in the SVG") {
  CHECK(mltrendd::XmlEscape("a<b>&\"c'\x01") == "a&lt;b&gt;&amp;&quot;c&#39;");
  const TrendsData t = Parse(R"({"source":"s<&>","axis":"cohort","bucket":"year","metric":"exclusive","weight":"count",
    "rules_version":"v\"1'","series":[{"period":"2020","total":2,"classified":2,"unknown":0,"multi":0,
    "frameworks":{"<script>&x\"y'":{"value":2,"share":1}}}]})");
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(t, ChartOptions{}), true);
  CheckSvg(svg);
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;&amp;x&quot;y&#39;") != std::string::npos);
  CHECK(svg.find("s&lt;&amp;&gt;") != std::string::npos);
}

TEST_CASE("coordinates are short and never negative zero") {
  CHECK(mltrendd::Coord(12.5) == "12.5");
  CHECK(mltrendd::Coord(3.0) == "3");
  CHECK(mltrendd::Coord(-0.001) == "0");
  CHECK(mltrendd::Coord(1.0 / 3) == "0.33");
}

TEST_CASE("the legend shows the latest period's shares, a tiny one as <0.1% rather than 0%") {
  const TrendsData t = Parse(R"({"source":"s","axis":"cohort","bucket":"year","metric":"exclusive","weight":"count","rules_version":"r","series":[
    {"period":"2020","total":10000,"classified":10000,"unknown":0,"multi":0,"frameworks":{"pytorch":{"value":9999,"share":0.9999},"jax":{"value":1,"share":0.0001}}}]})");
  const std::string svg = mltrendd::RenderSvgChart(BuildChartModel(t, ChartOptions{}), true);
  CheckSvg(svg);
  CHECK(svg.find(">jax &lt;0.1%<") != std::string::npos);
  CHECK(svg.find(">pytorch 100%<") != std::string::npos);
  CHECK(svg.find(">2020</text>") != std::string::npos);
}
