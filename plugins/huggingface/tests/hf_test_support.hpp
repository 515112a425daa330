//===----------------------------------------------------------------------===//
// huggingface tests — hf_test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <string>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"
#include "mltrend_test/plugin_kit.hpp"

namespace hf_test {

using mltrend_test::CaptureLogger;
using mltrend_test::ExchangeTargets;
using mltrend_test::RunTool;
using mltrend_test::ScopedEnv;

//! The huggingface plugin's configuration as the daemon builds it: every
//! key of kHuggingFaceKeys at its declared default, `name` = "hf", and
//! base_url pointing at `base_url`.
mltrend::ConfigValues DefaultConfig(const std::string& base_url);

//! The recorded 9,715-model listing (tests/fixtures/huggingface).
std::filesystem::path ListingCsv();

//! Runs tests/tools/hf_listing_to_pages.py on the listing into `out_dir`
//! with `extra_args` (e.g. "--page-size 10 --max-rows 30"); fails the test
//! when the script fails.
void ConvertListing(const std::filesystem::path& out_dir, const std::string& extra_args = "");

//! The recorded 50-model GET /api/models answer (tests/fixtures/huggingface).
std::filesystem::path TrendingJson();

//! Runs tests/tools/hf_listing_to_pages.py on `input` (the listing CSV or a
//! saved API answer) into `out_dir`; fails the test when the script fails.
void ConvertModels(const std::filesystem::path& input, const std::filesystem::path& out_dir,
                   const std::string& extra_args);

//! The kit's harness with the source stored as "hf": one HuggingFaceSource
//! run at a time, with fresh request budgets for every harness.
class SourceHarness : public mltrend_test::SourceHarness {
 public:
  SourceHarness();
  //! DefaultConfig(Server().BaseUrl()); call after Server().Start().
  mltrend::ConfigValues Config() { return DefaultConfig(Server().BaseUrl()); }
  //! One Source::Run with `config`; `cancelled` sets the token first.
  mltrend::Status Run(const mltrend::ConfigValues& config, bool cancelled = false);
};

}  // namespace hf_test
