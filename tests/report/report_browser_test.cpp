// `mltrend report` from a real daemon on the recorded data, rendered by a
// real headless browser (Debian's chromium): the page paints (the PNG is not
// blank and shows the framework colours), the charts are in the DOM with
// their bands and legends, and the page logs nothing to the console. Also
// `mltrend chart`, `compare` and `trends --format csv` against the same daemon.
#include <catch2/catch.hpp>

#include <csignal>
#include <memory>
#include <regex>

#include "browser.hpp"
#include "e2e_support.hpp"
#include "mltrendd/cli/render.hpp"
#include "png_image.hpp"

using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {


size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

//! The three recorded sources (Hub listing pages, Papers with Code dump,
//! GitHub search pages) crawled once by a real mltrendd, which then serves.
struct LiveDaemon {
  e2e::RecordedSources recorded;
  e2e::Sandbox box;
  std::unique_ptr<mltrend_test::NotifySocket> notify;
  std::unique_ptr<mltrend_test::ChildProcess> daemon;

  LiveDaemon() {
    box.WriteConfig(recorded.hub.BaseUrl(), e2e::ShippedRules(), recorded.PwcAndGithubSources());
    std::string err;
    const int status = box.RunDaemon({"--once"}, &err);
    INFO(err);
    REQUIRE(status == 0);
    notify = std::make_unique<mltrend_test::NotifySocket>();
    daemon = std::make_unique<mltrend_test::ChildProcess>(
        std::vector<std::string>{e2e::DaemonBinary().string(), "--config", box.config.string()},
        std::map<std::string, std::string>{{"NOTIFY_SOCKET", notify->Path()}});
    REQUIRE(notify->WaitFor("READY=1"));
  }
  ~LiveDaemon() {
    daemon->Signal(SIGTERM);
    daemon->Wait();
  }

  //! `mltrend --socket S <args...>`; the exit status, stdout and stderr.
  int Cli(std::vector<std::string> args, std::string& out, std::string* err = nullptr) {
    args.insert(args.begin(), {e2e::CliBinary().string(), "--socket", box.socket.string()});
    mltrend_test::ChildProcess cli(args);
    const int status = cli.Wait();
    out = cli.Stdout();
    if (err) *err = cli.Stderr();
    return status;
  }
};

}  // namespace

TEST_CASE("the console and blank-page checks catch what they look for (chromium on a bad page)") {
  REQUIRE_FALSE(report_test::Chromium().empty());
  mltrend_test::TempDir dir;
  const auto page = dir / "bad.html";
  mltrend_test::WriteFile(page, "<!DOCTYPE html><html><body style=\"background:#fff\">"
                                "<script>console.error('marker-7731')</script></body></html>");
  auto run = report_test::RunChromium(dir / "home", {"--window-size=400,300",
                                                     "--screenshot=" + (dir / "bad.png").string(),
                                                     "file://" + page.string()});
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto console = report_test::ConsoleMessages(run.err);
  REQUIRE(console.size() == 1);
  CHECK(console[0].find("marker-7731") != std::string::npos);
  report_test::PngImage png;
  std::string error;
  REQUIRE(report_test::ReadPng(dir / "bad.png", png, error));
  CHECK(png.width == 400);
  CHECK(png.height == 300);
  CHECK(png.DistinctColours() == 1);  // a blank page is one colour
  CHECK(png.Rgb(10, 10) == 0xffffff);
}

TEST_CASE("mltrend report from a running daemon renders in headless chromium: painted, charts present, no console errors") {
  REQUIRE_FALSE(report_test::Chromium().empty());
  LiveDaemon live;
  const auto report = live.recorded.dir / "report.html";
  std::string out, err;
  REQUIRE(live.Cli({"report", "--output", report.string()}, out, &err) == 0);
  INFO(err);
  const std::string html = mltrend_test::ReadFile(report);
  // Self-contained: nothing for the browser to fetch.
  for (const char* banned : {"<script", "<link", "src=", "url(", "@import"}) CHECK(html.find(banned) == std::string::npos);

  const auto shot = live.recorded.dir / "report.png";
  auto paint = report_test::RunChromium(live.recorded.dir / "home", {"--window-size=1100,2400",
                                                            "--screenshot=" + shot.string(),
                                                            "file://" + report.string()});
  INFO(paint.err);
  REQUIRE(paint.status == 0);
  CHECK(report_test::ConsoleMessages(paint.err).empty());
  report_test::PngImage png;
  std::string error;
  INFO(error);
  REQUIRE(report_test::ReadPng(shot, png, error));
  CHECK(png.width == 1100);
  CHECK(png.height == 2400);
  CHECK(png.DistinctColours() > 64);  // text, charts, tables: far from blank
  // The stacked bands painted in their framework colours: PyTorch's
  // orange-red and TensorFlow's orange cover whole areas of the first charts
  // (TensorFlow's thinner since library evidence classifies the Hub's
  // transformers models: 488 pixels in this 1100x2400 shot), and the
  // coverage chart's direct-evidence green.
  CHECK(png.CountColour(0xee4c2c) > 5000);
  CHECK(png.CountColour(0xff9f1c) > 250);
  CHECK(png.CountColour(0x2e7d32) > 250);

  auto dom = report_test::RunChromium(live.recorded.dir / "home", {"--dump-dom", "file://" + report.string()});
  INFO(dom.err);
  REQUIRE(dom.status == 0);
  CHECK(report_test::ConsoleMessages(dom.err).empty());
  const std::string& d = dom.out;
  // One cohort chart per source, plus the weighted ones (HF downloads,
  // GitHub stars at least).
  CHECK(Count(d, "<svg") >= 5);
  CHECK(Count(d, "class=\"band\"") >= 15);
  CHECK(Count(d, "class=\"legend\"") == Count(d, "<svg"));
  for (const char* text : {"id=\"source-hf\"", "id=\"source-pwc\"", "id=\"source-gh\"", "Weighted by downloads",
                           "Weighted by stars", "Latest shares", "Exclusive vs available", "PyTorch-exclusive",
                           "Framework share · pwc", ">pytorch ", "Classification rules", "report --output"})
    CHECK(d.find(text) != std::string::npos);
  CHECK((d.find("Rules version") != std::string::npos || d.find("rules not available") != std::string::npos));
}

TEST_CASE("mltrend chart, compare and trends --format csv against a running daemon") {
  LiveDaemon live;
  std::string out, err;
  const auto svg = live.recorded.dir / "pwc.svg";
  REQUIRE(live.Cli({"chart", "--source", "pwc", "--bucket", "year", "--top", "3", "--output", svg.string()}, out) == 0);
  std::string checked;
  REQUIRE(mltrend_test::RunCommand({"python3", FixturePath("../../daemon/cli/tests/check_svg.py").string(), svg.string()},
                                   checked) == 0);
  INFO(checked);
  // Three frameworks by name, then the rest as other (a Papers with Code
  // link names one framework, so no record has several).
  CHECK(checked.find(R"("bands": ["pytorch", "tensorflow", "mindspore", "other"])") != std::string::npos);
  // Without --output the SVG goes to stdout.
  REQUIRE(live.Cli({"chart", "--source", "gh", "--weight", "stars", "--unknown", "show"}, out) == 0);
  CHECK(out.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(out.find("data-band=\"unknown\"") != std::string::npos);
  CHECK(live.Cli({"chart", "--source", "gh", "--unknown", "maybe"}, out) == 64);

  REQUIRE(live.Cli({"compare", "--framework", "pytorch", "--metric", "available", "--bucket", "year", "--format", "csv"},
                   out) == 0);
  CHECK(out.rfind("period,source,classified,value,share\n", 0) == 0);
  for (const char* source : {",hf,", ",pwc,", ",gh,"}) CHECK(out.find(source) != std::string::npos);
  REQUIRE(live.Cli({"compare", "--framework", "pytorch", "--metric", "available", "--bucket", "year"}, out) == 0);
  CHECK(out.find("framework pytorch · metric available · bucket year") == 0);
  CHECK(std::regex_search(out, std::regex("\n2021 +[-0-9.%]+ +[0-9.]+% +[0-9.]+%\n")));

  // --format csv is the same text whether the daemon renders it or the CLI does.
  REQUIRE(live.Cli({"trends", "--source", "pwc", "--bucket", "year", "--format", "csv"}, out) == 0);
  auto json = e2e::Get(live.box.socket, "/v1/trends?bucket=year&source=pwc");
  REQUIRE(json.status == 200);
  std::string expected;
  REQUIRE(mltrendd::RenderTrendsCsv(json.body, expected).ok());
  CHECK(out == expected);

  // The filters reach the daemon: it either applies them or names the one
  // it does not know.
  const int status = live.Cli({"trends", "--source", "pwc", "--bucket", "year", "--from", "2019", "--to", "2020",
                               "--format", "csv"},
                              out, &err);
  if (status == 0) {
    CHECK(out.find("\n2019,") != std::string::npos);
    CHECK(out.find("\n2021,") == std::string::npos);
    CHECK(out.find("\n2018,") == std::string::npos);
  } else {
    CHECK(err.find("from") != std::string::npos);
  }
}
