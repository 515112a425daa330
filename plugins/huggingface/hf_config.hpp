//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"

namespace mltrend::hf {

//! Every key a `[[source]] plugin = "huggingface"` table accepts, declared
//! once: the daemon validates and defaults from this table, and
//! ReadSettings reads from it. The default `expand` list is also what
//! tests/tools/hf_listing_to_pages.py puts in its first page's target; keep
//! the two in the same order.
inline constexpr ConfigKey kHuggingFaceKeys[] = {
    {"base_url", ConfigType::kString, "https://huggingface.co",
     "Hub root URL; http:// is allowed for mirrors and tests. Link cursors to any other host are refused."},
    {"limit", ConfigType::kInt, "1000", "models per page (the Hub accepts up to 1000)"},
    {"sort", ConfigType::kString, "",
     "sort key: createdAt, downloads, lastModified, likes or trendingScore; empty: the API's default order"},
    {"search", ConfigType::kString, "", "only models whose id contains this text; empty: no filter"},
    {"author", ConfigType::kString, "", "only models of this user or organisation; empty: no filter"},
    {"filter", ConfigType::kString, "", "only models with this tag or library (e.g. pytorch); empty: no filter"},
    {"expand", ConfigType::kStringList,
     "createdAt,downloads,lastModified,library_name,likes,pipeline_tag,sha,siblings,tags",
     "fields asked for with expand[]; the record mapping reads these (siblings: the file list, kept bounded to "
     "weight and config names; sha: the commit the files and header reads belong to)"},
    {"max_pages", ConfigType::kInt, "0",
     "pages fetched per run at most (0: no limit); the next run continues from the checkpoint"},
    {"full_crawl_interval", ConfigType::kDuration, "7d",
     "how long after a full crawl finished the next one starts; runs in between are refreshes "
     "(newest createdAt, then lastModified pages). 0s: every run is a full crawl"},
    {"requests_per_window", ConfigType::kInt, "0",
     "requests per 5-minute window, shared by every instance with the same token and host; "
     "0: 1000 with HF_TOKEN, 500 without. The Hub's RateLimit headers override the local count"},
    {"enrich_first_commit", ConfigType::kBool, "false",
     "date models at the createdAt floor (2022-03-02T23:29:04) by their first commit"},
    {"enrich_budget", ConfigType::kInt, "100", "commit-history requests per run for enrich_first_commit at most"},
    {"read_safetensors_headers", ConfigType::kBool, "true",
     "read the safetensors header (__metadata__.format) of models whose only weights are safetensors, "
     "with two HTTP Range requests on {base_url}/{repo}/resolve/{sha}/{file}; cached by model and sha"},
    {"header_budget", ConfigType::kInt, "200",
     "safetensors header reads (models, two requests each) per run at most, most downloaded first"},
    {"header_max_bytes", ConfigType::kInt, "8388608",
     "a safetensors header longer than this (bytes, at most 100000000) is refused and recorded as an error"},
};

//! The largest header_max_bytes accepted: the safetensors library refuses
//! headers over 100,000,000 bytes itself.
inline constexpr int64_t kSafetensorsHeaderLimit = 100'000'000;

//! The validated settings of one source instance.
struct Settings {
  std::string base_url;  //!< without a trailing '/'
  int64_t limit = 1000;
  std::string sort;
  std::string search;
  std::string author;
  std::string filter;
  std::vector<std::string> expand;
  int64_t max_pages = 0;
  std::chrono::seconds full_crawl_interval{7 * 86400};
  int64_t requests_per_window = 0;  //!< 0: derived from the token (RequestLimit)
  bool enrich_first_commit = false;
  int64_t enrich_budget = 100;
  bool read_safetensors_headers = true;
  int64_t header_budget = 200;
  int64_t header_max_bytes = 8 << 20;
};

//! The window budget a run uses: requests_per_window when set, else the
//! Hub's documented 1000 with a token and 500 without.
int64_t RequestLimit(const Settings& settings, bool has_token);

//! Reads `config` into `out`. A key missing from `config` takes its default
//! from kHuggingFaceKeys (the daemon always supplies every key; tests need
//! not). Invalid when base_url is not an absolute http(s) URL with a host,
//! limit is not positive, or max_pages, full_crawl_interval,
//! requests_per_window, enrich_budget or header_budget is negative, or
//! header_max_bytes is not in 1..100000000 (safetensors' own limit).
Status ReadSettings(const ConfigValues& config, Settings& out);

//! ReadSettings for the config loader: on failure `bad_key` names the
//! offending key and the message leaves it out, since the caller prints it
//! next to the key's file:line:col.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);

}  // namespace mltrend::hf
