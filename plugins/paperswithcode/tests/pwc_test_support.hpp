//===----------------------------------------------------------------------===//
// paperswithcode tests — pwc_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "mltrend/config.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/plugin_kit.hpp"
#include "mltrend_test/replay_server.hpp"

namespace pwc_test {

using mltrend_test::CaptureLogger;
using mltrend_test::RunTool;

//! The plugin's configuration as the daemon builds it: every key of
//! kPapersWithCodeKeys at its default, `name` = "pwc", then `overrides`.
mltrend::ConfigValues Config(const std::map<std::string, std::string>& overrides);

//! tests/fixtures/paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz
std::filesystem::path LinksCsv();

//! The real CSV as a links dump at `out` (gzip when `gzip`), by
//! tests/tools/pwc_csv_to_dump.py; REQUIREs success.
void ConvertCsv(const std::filesystem::path& out, bool gzip);

//! Adds an exchange to `server`: GET `target` answers 200 with the JSON `body`.
void Serve(mltrend_test::ReplayServer& server, const std::string& target, const std::string& body);

//! A JSON text gzip-compressed (zlib, gzip framing).
std::string Gzip(std::string_view text);

//! The kit's harness with the source stored as "pwc": one
//! PapersWithCodeSource run at a time.
class Harness : public mltrend_test::SourceHarness {
 public:
  Harness() : mltrend_test::SourceHarness("pwc") {}
  //! One Source::Run. With `stop_after_pages` > 0 the run's cancel token
  //! fires once that many pages committed, as a daemon shutdown would.
  mltrend::Status Run(const mltrend::ConfigValues& config, uint64_t stop_after_pages = 0);
  std::optional<mltrend::Record> Get(const std::string& id) { return Find(id); }
};

}  // namespace pwc_test
