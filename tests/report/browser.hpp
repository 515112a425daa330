//===----------------------------------------------------------------------===//
// tests/report — browser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace report_test {

//! The headless browser: $MLTREND_CHROMIUM, else /usr/bin/chromium (Debian's
//! package, which .ci/install-deps installs); empty when neither exists.
std::filesystem::path Chromium();

//! What one browser run left behind.
struct BrowserRun {
  int status = -1;  //!< exit status; -1 when the deadline passed and it was killed
  std::string out, err;
};

//! Runs headless chromium with `args` after the fixed flags (no sandbox,
//! no GPU, logging to stderr so console messages show), its profile, HOME
//! and XDG dirs inside `home` so nothing outside the test is read or
//! written; killed after `deadline` so a hung browser fails the test
//! instead of hanging it.
BrowserRun RunChromium(const std::filesystem::path& home, const std::vector<std::string>& args,
                       std::chrono::seconds deadline = std::chrono::seconds(120));

//! The page's console messages in chromium's stderr log (lines holding
//! ":CONSOLE"): any error, warning or log line a page script or the engine
//! reported against the page.
std::vector<std::string> ConsoleMessages(const std::string& err);

}  // namespace report_test
