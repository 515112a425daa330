#include "hf_test_support.hpp"

#include <catch2/catch.hpp>

#include "hf_budget.hpp"
#include "hf_config.hpp"
#include "hf_source.hpp"

namespace hf_test {

mltrend::ConfigValues DefaultConfig(const std::string& base_url) {
  mltrend::ConfigValues values = mltrend_test::DefaultValues(mltrend::hf::kHuggingFaceKeys, "hf");
  values.Set("base_url", base_url);
  return values;
}

std::filesystem::path ListingCsv() {
  return mltrend_test::FixturePath("huggingface/hf_models_top_downloads_2024-09-20.csv.gz");
}

std::filesystem::path TrendingJson() {
  return mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json");
}

void ConvertModels(const std::filesystem::path& input, const std::filesystem::path& out_dir,
                   const std::string& extra_args) {
  const std::string args = "'" + input.string() + "' --out '" + out_dir.string() + "' " + extra_args;
  int rc = RunTool("hf_listing_to_pages.py", args, out_dir.string() + ".out");
  REQUIRE(rc == 0);
}

void ConvertListing(const std::filesystem::path& out_dir, const std::string& extra_args) {
  ConvertModels(ListingCsv(), out_dir, extra_args);
}

SourceHarness::SourceHarness() : mltrend_test::SourceHarness("hf") {
  // Budgets are process-wide; each test starts with fresh windows.
  mltrend::hf::RequestBudget::ForgetAll();
}

mltrend::Status SourceHarness::Run(const mltrend::ConfigValues& config, bool cancelled) {
  mltrend::hf::HuggingFaceSource source;
  return RunSource(source, config, cancelled);
}

}  // namespace hf_test
