//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"

namespace mltrend::gh {

//! The validated settings of one source instance. The defaults live in
//! kGitHubKeys only; a default-constructed Settings is zeroed.
struct Settings {
  std::string base_url;  //!< without a trailing '/'
  std::vector<std::string> queries;
  std::string sort;
  int64_t per_page = 0;
  bool split_created = false;
  int64_t created_since = 0;  //!< days since 1970-01-01
  std::string created_until;  //!< "" or YYYY-MM-DD, checked
  int64_t incomplete_retries = 0;
  int64_t max_pages = 0;
  bool manifests = false;
  int64_t manifest_budget = 0;
};

//! Named kinds of the table below: base_url an absolute http(s) URL;
//! queries without an empty or multi-line string; a day YYYY-MM-DD (or "").
Status CheckBaseUrl(const ConfigValue& value);
Status CheckQueries(const ConfigValue& value);
Status CheckDay(const ConfigValue& value);
Status CheckDayOrEmpty(const ConfigValue& value);
//! Lands created_since as its day number.
void LandCreatedSince(const ConfigKey& key, const ConfigValue& value, void* settings);

//! Every key a `[[source]] plugin = "github"` table accepts, declared once.
//! tests/tools/github_csv_to_search_pages.py builds the request URLs the
//! same way from the same defaults (per_page, created_since).
inline constexpr ConfigKey kGitHubKeys[] = {
    ConfigField<&Settings::base_url>("base_url", "https://api.github.com",
     "REST API root; http:// is allowed for mirrors and tests. Link targets on another host are refused.")
        .Parsed("http(s) URL", &CheckBaseUrl).LandsBy(&LandUrlRoot<&Settings::base_url>),
    ConfigField<&Settings::queries>("queries",
     "topic:pytorch,topic:tensorflow,topic:jax,topic:keras,topic:flax,topic:mxnet,topic:paddlepaddle,topic:onnx",
     "search strings for GET /search/repositories, crawled in order; a repository several of them find is one "
     "record").AtLeast(1).Parsed("one-line strings", &CheckQueries),
    // GitHub answers an unknown sort with 422 on every run: refused at load.
    ConfigField<&Settings::sort>("sort", "", "sort key sent with every search; empty: best match")
        .OneOf("stars,forks,help-wanted-issues,updated", true),
    ConfigField<&Settings::per_page>("per_page", "100", "results per search page").Range(1, 100),
    ConfigField<&Settings::split_created>("split_created", "true",
     "split a search with more than 1,000 results into created: date ranges, halving each until it has at most "
     "1,000 (the API returns no more than 1,000 per search)"),
    ConfigKey{"created_since", ConfigType::kString, "2007-10-01",
     "first day of the created: range a split search covers"}.Parsed("YYYY-MM-DD", &CheckDay).LandsBy(&LandCreatedSince),
    ConfigField<&Settings::created_until>("created_until", "",
     "last day of the created: range a split search covers; empty: the day the crawl starts")
        .Parsed("YYYY-MM-DD", &CheckDayOrEmpty),
    ConfigField<&Settings::incomplete_retries>("incomplete_retries", "2",
     "immediate retries of a page answered with incomplete_results:true before the run ends retryably").AtLeast(0),
    ConfigField<&Settings::max_pages>("max_pages", "0",
     "search requests per run at most (0: no limit); the next run continues from the checkpoint").AtLeast(0),
    ConfigField<&Settings::manifests>("manifests", "false",
     "read requirements.txt, pyproject.toml, setup.py and environment.yml of each repository found (contents "
     "API, core budget) into attrs.dependencies, once per push"),
    ConfigField<&Settings::manifest_budget>("manifest_budget", "100",
     "contents requests per run at most for manifests (4 per repository); the rest wait for a later crawl")
        .AtLeast(0),
};

//! Reads `config` through kGitHubKeys (defaults there for missing keys);
//! Invalid when a key's checks refuse it or created_until precedes
//! created_since. On failure `bad_key` names the key and the message leaves
//! it out.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);
//! The same with the key name in the message.
Status ReadSettings(const ConfigValues& config, Settings& out);

}  // namespace mltrend::gh
