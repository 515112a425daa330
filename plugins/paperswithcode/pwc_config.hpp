//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! Every key a `[[source]] plugin = "paperswithcode"` table accepts, declared
//! once: the daemon validates and defaults from this table, ReadSettings
//! reads from it.
inline constexpr ConfigKey kPapersWithCodeKeys[] = {
    {"links", ConfigType::kString, "",
     "the links dump (links-between-papers-and-code.json or .json.gz): an absolute local path or an http(s) URL; "
     "when set, the source runs in dump mode"},
    {"papers", ConfigType::kString, "",
     "optional papers dump (papers-with-abstracts.json[.gz]), path or URL, for each paper's `date`; "
     "empty: date by arXiv id"},
    {"page_size", ConfigType::kInt, "1000", "links per committed page (and per checkpoint)"},
    {"api_base_url", ConfigType::kString, "https://paperswithcode.com/api/v1",
     "REST API root, used when `links` is empty or `live_api` is true; the original site closed in July 2025: "
     "set https://paperswithcode.co/api/v1 (the relaunched site) to keep papers current (http:// allowed for "
     "mirrors and tests)"},
    {"live_api", ConfigType::kBool, "false",
     "with `links`: after the dump, read papers newer than it from the API at `api_base_url` into the same "
     "records (a link in both is one record)"},
    {"api_walk", ConfigType::kString, "incremental",
     "API: \"incremental\" reads newest papers first and stops at the newest paper already stored; \"full\" "
     "walks every /papers/ page oldest first, resuming from the checkpoint"},
    {"api_page_size", ConfigType::kInt, "100", "API: papers per /papers/ request (1-100)"},
    {"request_budget", ConfigType::kInt, "1000",
     "API: requests per run at most, per-paper repository requests included (0: no limit); a spent budget "
     "ends the run cleanly and the next run continues from the checkpoint"},
    {"max_pages", ConfigType::kInt, "0",
     "API mode: /papers/ pages read per run at most (0: no limit); the next run continues from the checkpoint"},
};

//! Which input a run reads: the dump, the API, or the dump then the API
//! (`links` set and `live_api` true).
enum class Mode { kDump, kApi, kDumpThenApi };

//! How an API run walks /papers/.
enum class Walk { kIncremental, kFull };

//! The validated settings of one source instance.
struct Settings {
  Mode mode = Mode::kApi;
  std::string links;
  std::string papers;
  int64_t page_size = 1000;
  std::string api_base_url;  //!< without a trailing '/'
  int64_t max_pages = 0;
  Walk walk = Walk::kIncremental;
  int64_t api_page_size = 100;
  int64_t request_budget = 1000;  //!< 0: no limit
};

//! True when `location` names an http:// or https:// URL rather than a path.
bool IsUrl(const std::string& location);

//! Reads `config` into `out`; a missing key takes its declared default.
//! `links` non-empty selects dump mode (api_base_url is then ignored unless
//! live_api), else API mode. Invalid when page_size is not positive,
//! api_page_size is not 1-100, max_pages or request_budget is negative,
//! api_walk is not "incremental" or "full",
//! a path is relative, or a URL / api_base_url is not http(s) with a host.
//! On failure `bad_key` names the offending key.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);
//! The same, with the key named in the message.
Status ReadSettings(const ConfigValues& config, Settings& out);

}  // namespace mltrend::pwc
