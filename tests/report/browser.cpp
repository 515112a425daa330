//===----------------------------------------------------------------------===//
// tests/report — browser.cpp
//===----------------------------------------------------------------------===//
#include "browser.hpp"

#include <cstdlib>
#include <sstream>

#include "mltrend_test/process.hpp"

namespace report_test {

std::filesystem::path Chromium() {
  if (const char* env = std::getenv("MLTREND_CHROMIUM"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::exists("/usr/bin/chromium", ec)) return "/usr/bin/chromium";
  return {};
}

BrowserRun RunChromium(const std::filesystem::path& home, const std::vector<std::string>& args,
                       std::chrono::seconds deadline) {
  std::filesystem::create_directories(home / "profile");
  std::vector<std::string> argv = {Chromium().string(), "--headless", "--no-sandbox", "--disable-gpu",
                                   "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                                   "--user-data-dir=" + (home / "profile").string(),
                                   "--enable-logging=stderr", "--v=0"};
  argv.insert(argv.end(), args.begin(), args.end());
  mltrend_test::ChildProcess child(argv, {{"HOME", home.string()},
                                          {"XDG_CONFIG_HOME", (home / "config").string()},
                                          {"XDG_CACHE_HOME", (home / "cache").string()},
                                          {"XDG_DATA_HOME", (home / "data").string()}});
  BrowserRun run;
  run.status = child.Wait(deadline);
  run.out = child.Stdout();
  run.err = child.Stderr();
  return run;
}

std::vector<std::string> ConsoleMessages(const std::string& err) {
  std::vector<std::string> lines;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace report_test
