// The plugin's validate hook: the built library's descriptor carries it, so
// the daemon's config loader refuses an unusable base_url or limit with the
// key's file:line:col before any source object exists.
#include <catch2/catch.hpp>

#include "hf_source.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrend_test/test_support.hpp"

namespace {

//! LoadConfig of a one-source config with the real plugin's descriptor;
//! returns the error message, or "" when the config loaded.
std::string LoadError(const mltrend_test::TempDir& dir, const std::string& extra) {
  std::shared_ptr<mltrendd::LoadedPlugin> plugin;
  const auto file = mltrend_test::BuildPath(std::string(MLTREND_PLUGIN_SUBDIR) + "/libmltrend_huggingface.so");
  REQUIRE(mltrendd::LoadPlugin(file, plugin).ok());
  REQUIRE(plugin->Descriptor().validate);
  mltrend_test::WriteFile(dir / "mltrend.toml", "[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n" + extra);
  mltrendd::Config config;
  mltrend::Status s = mltrendd::LoadConfig(
      dir / "mltrend.toml",
      [&](const mltrendd::DaemonSettings&, const std::string&, std::string&) { return &plugin->Descriptor(); },
      config);
  return s.message();
}

}  // namespace

TEST_CASE("the config loader refuses an ftp:// base_url and a negative limit at the key") {
  mltrend_test::TempDir dir;
  const std::string file = (dir / "mltrend.toml").string();
  CHECK(LoadError(dir, "base_url = \"ftp://x\"\n") ==
        file + ":4:12: [[source]] \"hf\" base_url: URL 'ftp://x' does not start with http:// or https://");
  CHECK(LoadError(dir, "base_url = \"http://127.0.0.1:9\"\nlimit = -5\n") ==
        file + ":5:9: [[source]] \"hf\" limit: must be at least 1, got -5");
  CHECK(LoadError(dir, "max_pages = -1\n") == file + ":4:13: [[source]] \"hf\" max_pages: must be 0 or more, got -1");
  CHECK(LoadError(dir, "base_url = \"http://mirror.example/hf/\"\nlimit = 50\n").empty());
}

TEST_CASE("the config loader takes the refresh, budget and enrichment keys and refuses negative budgets") {
  mltrend_test::TempDir dir;
  const std::string file = (dir / "mltrend.toml").string();
  CHECK(LoadError(dir, "requests_per_window = -1\n") ==
        file + ":4:23: [[source]] \"hf\" requests_per_window: must be 0 or more, got -1");
  CHECK(LoadError(dir, "enrich_budget = -3\n") ==
        file + ":4:17: [[source]] \"hf\" enrich_budget: must be 0 or more, got -3");
  CHECK(LoadError(dir, "full_crawl_interval = \"3d\"\nrequests_per_window = 1000\n"
                       "enrich_first_commit = true\nenrich_budget = 20\n")
            .empty());
  CHECK(LoadError(dir, "full_crawl_interval = \"0s\"\n").empty());
}

TEST_CASE("the key table's bounds and allowed values refuse at the key with one wording") {
  mltrend_test::TempDir dir;
  const std::string file = (dir / "mltrend.toml").string();
  CHECK(LoadError(dir, "header_max_bytes = 100000001\n") ==
        file + ":4:20: [[source]] \"hf\" header_max_bytes: must be 1 to 100000000, got 100000001");
  CHECK(LoadError(dir, "sort = \"stars\"\n") ==
        file + ":4:8: [[source]] \"hf\" sort: expected one of createdAt, downloads, lastModified, likes, "
               "trendingScore or \"\", got \"stars\"");
  CHECK(LoadError(dir, "sort = \"\"\nheader_max_bytes = 100000000\n").empty());
}

TEST_CASE("Validate names the bad key and checks a sparse table against the defaults") {
  mltrend::ConfigValues values;
  std::string bad_key;
  CHECK(mltrend::hf::HuggingFaceSource::Validate(values, bad_key).ok());
  values.Set("base_url", std::string("huggingface.co"));
  mltrend::Status s = mltrend::hf::HuggingFaceSource::Validate(values, bad_key);
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(bad_key == "base_url");
  CHECK(s.message() == "URL 'huggingface.co' does not start with http:// or https://");
}
