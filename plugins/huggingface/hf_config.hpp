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

//! The validated settings of one source instance. The defaults live in
//! kHuggingFaceKeys only; a default-constructed Settings is zeroed.
struct Settings {
  std::string base_url;  //!< without a trailing '/'
  int64_t limit = 0;
  std::string sort;
  std::string search;
  std::string author;
  std::string filter;
  std::vector<std::string> expand;
  int64_t max_pages = 0;
  std::chrono::seconds full_crawl_interval{0};
  int64_t requests_per_window = 0;  //!< 0: derived from the token (RequestLimit)
  bool enrich_first_commit = false;
  int64_t enrich_budget = 0;
  bool read_safetensors_headers = false;
  int64_t header_budget = 0;
  int64_t header_max_bytes = 0;
};

//! The largest header_max_bytes accepted: the safetensors library refuses
//! headers over 100,000,000 bytes itself.
inline constexpr int64_t kSafetensorsHeaderLimit = 100'000'000;

//! base_url's named kind: an absolute http(s) URL with a host and no user info (ParseUrl).
Status CheckBaseUrl(const ConfigValue& value);

//! Every key a `[[source]] plugin = "huggingface"` table accepts, declared
//! once: the daemon validates and defaults from this table, and
//! ReadSettings reads from it. The default `expand` list is also what
//! tests/tools/hf_listing_to_pages.py puts in its first page's target; keep
//! the two in the same order.
inline constexpr ConfigKey kHuggingFaceKeys[] = {
    ConfigField<&Settings::base_url>("base_url", "https://huggingface.co",
     "Hub root URL; http:// is allowed for mirrors and tests. Link cursors to any other host are refused.")
        .Parsed("http(s) URL", &CheckBaseUrl).LandsBy(&LandUrlRoot<&Settings::base_url>),
    ConfigField<&Settings::limit>("limit", "1000", "models per page (the Hub accepts up to 1000)").AtLeast(1),
    // The Hub answers an unknown sort key with 400 on every run: refused at load.
    ConfigField<&Settings::sort>("sort", "", "sort key; empty: the API's default order")
        .OneOf("createdAt,downloads,lastModified,likes,trendingScore", true),
    ConfigField<&Settings::search>("search", "", "only models whose id contains this text; empty: no filter"),
    ConfigField<&Settings::author>("author", "", "only models of this user or organisation; empty: no filter"),
    ConfigField<&Settings::filter>("filter", "", "only models with this tag or library (e.g. pytorch); empty: no filter"),
    ConfigField<&Settings::expand>("expand",
     "createdAt,downloads,lastModified,library_name,likes,pipeline_tag,sha,siblings,tags",
     "fields asked for with expand[]; the record mapping reads these (siblings: the file list, kept bounded to "
     "weight and config names; sha: the commit the files and header reads belong to)"),
    ConfigField<&Settings::max_pages>("max_pages", "0",
     "pages fetched per run at most (0: no limit); the next run continues from the checkpoint").AtLeast(0),
    ConfigField<&Settings::full_crawl_interval>("full_crawl_interval", "7d",
     "how long after a full crawl finished the next one starts; runs in between are refreshes "
     "(newest createdAt, then lastModified pages). 0s: every run is a full crawl"),
    ConfigField<&Settings::requests_per_window>("requests_per_window", "0",
     "requests per 5-minute window, shared by every instance with the same token and host; "
     "0: 1000 with HF_TOKEN, 500 without. The Hub's RateLimit headers override the local count").AtLeast(0),
    ConfigField<&Settings::enrich_first_commit>("enrich_first_commit", "false",
     "date models at the createdAt floor (2022-03-02T23:29:04) by their first commit"),
    ConfigField<&Settings::enrich_budget>("enrich_budget", "100",
     "commit-history requests per run for enrich_first_commit at most").AtLeast(0),
    ConfigField<&Settings::read_safetensors_headers>("read_safetensors_headers", "true",
     "read the safetensors header (__metadata__.format) of models whose only weights are safetensors, "
     "with two HTTP Range requests on {base_url}/{repo}/resolve/{sha}/{file}; cached by model and sha"),
    ConfigField<&Settings::header_budget>("header_budget", "200",
     "safetensors header reads (models, two requests each) per run at most, most downloaded first").AtLeast(0),
    ConfigField<&Settings::header_max_bytes>("header_max_bytes", "8388608",
     "a safetensors header longer than this (bytes; safetensors itself refuses more than 100000000) is refused "
     "and recorded as an error").Range(1, kSafetensorsHeaderLimit),
};

//! The window budget a run uses: requests_per_window when set, else the
//! Hub's documented 1000 with a token and 500 without.
int64_t RequestLimit(const Settings& settings, bool has_token);

//! Reads `config` into `out` through kHuggingFaceKeys (a key missing from
//! `config` takes its default there: the daemon always supplies every key;
//! tests need not). On failure the message names the key.
Status ReadSettings(const ConfigValues& config, Settings& out);

//! ReadSettings for the config loader: on failure `bad_key` names the
//! offending key and the message leaves it out, since the caller prints it
//! next to the key's file:line:col.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);

}  // namespace mltrend::hf
