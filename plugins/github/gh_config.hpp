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

//! Every key a `[[source]] plugin = "github"` table accepts, declared once.
//! tests/tools/github_csv_to_search_pages.py builds the request URLs the
//! same way from the same defaults (per_page, created_since).
inline constexpr ConfigKey kGitHubKeys[] = {
    {"base_url", ConfigType::kString, "https://api.github.com",
     "REST API root; http:// is allowed for mirrors and tests. Link targets on another host are refused."},
    {"queries", ConfigType::kStringList,
     "topic:pytorch,topic:tensorflow,topic:jax,topic:keras,topic:flax,topic:mxnet,topic:paddlepaddle,topic:onnx",
     "search strings for GET /search/repositories, crawled in order; a repository several of them find is one "
     "record"},
    {"sort", ConfigType::kString, "",
     "sort key sent with every search (stars, forks, help-wanted-issues, updated); empty: best match"},
    {"per_page", ConfigType::kInt, "100", "results per search page, 1 to 100"},
    {"split_created", ConfigType::kBool, "true",
     "split a search with more than 1,000 results into created: date ranges, halving each until it has at most "
     "1,000 (the API returns no more than 1,000 per search)"},
    {"created_since", ConfigType::kString, "2007-10-01",
     "first day (YYYY-MM-DD) of the created: range a split search covers"},
    {"created_until", ConfigType::kString, "",
     "last day (YYYY-MM-DD) of the created: range a split search covers; empty: the day the crawl starts"},
    {"incomplete_retries", ConfigType::kInt, "2",
     "immediate retries of a page answered with incomplete_results:true before the run ends retryably"},
    {"max_pages", ConfigType::kInt, "0",
     "search requests per run at most (0: no limit); the next run continues from the checkpoint"},
    {"manifests", ConfigType::kBool, "false",
     "read requirements.txt, pyproject.toml, setup.py and environment.yml of each repository found (contents "
     "API, core budget) into attrs.dependencies, once per push"},
    {"manifest_budget", ConfigType::kInt, "100",
     "contents requests per run at most for manifests (4 per repository); the rest wait for a later crawl"},
};

//! The validated settings of one source instance.
struct Settings {
  std::string base_url;  //!< without a trailing '/'
  std::vector<std::string> queries;
  std::string sort;
  int64_t per_page = 100;
  bool split_created = true;
  int64_t created_since = 0;  //!< days since 1970-01-01
  std::string created_until;  //!< "" or YYYY-MM-DD, checked
  int64_t incomplete_retries = 2;
  int64_t max_pages = 0;
  bool manifests = false;
  int64_t manifest_budget = 100;
};

//! Reads `config` (defaults from kGitHubKeys for missing keys). Invalid when
//! base_url is not an absolute http(s) URL, queries is empty or holds an
//! empty string, per_page is outside 1..100, a date is not YYYY-MM-DD,
//! created_until precedes created_since, or a count is negative. On failure
//! `bad_key` names the key and the message leaves it out.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);
//! The same with the key name in the message.
Status ReadSettings(const ConfigValues& config, Settings& out);

}  // namespace mltrend::gh
