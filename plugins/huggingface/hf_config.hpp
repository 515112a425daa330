//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

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
    {"expand", ConfigType::kStringList, "createdAt,downloads,lastModified,library_name,likes,pipeline_tag,tags",
     "fields asked for with expand[]; the record mapping reads these"},
    {"max_pages", ConfigType::kInt, "0",
     "pages fetched per run at most (0: no limit); the next run continues from the checkpoint"},
};

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
};

//! Reads `config` into `out`. A key missing from `config` takes its default
//! from kHuggingFaceKeys (the daemon always supplies every key; tests need
//! not). Invalid when base_url is not an absolute http(s) URL with a host,
//! limit is not positive, or max_pages is negative.
Status ReadSettings(const ConfigValues& config, Settings& out);

//! ReadSettings for the config loader: on failure `bad_key` names the
//! offending key and the message leaves it out, since the caller prints it
//! next to the key's file:line:col.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);

}  // namespace mltrend::hf
