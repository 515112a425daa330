//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! Which input a run reads: the dump, the API, or the dump then the API
//! (`links` set and `live_api` true).
enum class Mode { kDump, kApi, kDumpThenApi };

//! How an API run walks /papers/, in the order of api_walk's allowed values.
enum class Walk { kIncremental, kFull };

//! The validated settings of one source instance. The defaults live in
//! kPapersWithCodeKeys only; a default-constructed Settings is zeroed.
struct Settings {
  Mode mode = Mode::kApi;
  std::string links;
  std::string papers;
  int64_t page_size = 0;
  std::string api_base_url;  //!< without a trailing '/'
  int64_t max_pages = 0;
  Walk walk = Walk::kIncremental;
  int64_t api_page_size = 0;
  int64_t request_budget = 0;  //!< 0: no limit
};

//! Named kinds of the table below: a dump location is empty, an absolute
//! path or an http(s) URL with a host; api_base_url an http(s) URL with a host.
Status CheckLocation(const ConfigValue& value);
Status CheckApiBaseUrl(const ConfigValue& value);

//! Every key a `[[source]] plugin = "paperswithcode"` table accepts, declared
//! once: the daemon validates and defaults from this table, ReadSettings
//! reads from it.
inline constexpr ConfigKey kPapersWithCodeKeys[] = {
    ConfigField<&Settings::links>("links", "",
     "the links dump (links-between-papers-and-code.json or .json.gz): an absolute local path or an http(s) URL; "
     "when set, the source runs in dump mode").Parsed("path or URL", &CheckLocation),
    ConfigField<&Settings::papers>("papers", "",
     "optional papers dump (papers-with-abstracts.json[.gz]), path or URL, for each paper's `date`; "
     "empty: date by arXiv id").Parsed("path or URL", &CheckLocation),
    ConfigField<&Settings::page_size>("page_size", "1000", "links per committed page (and per checkpoint)").AtLeast(1),
    ConfigField<&Settings::api_base_url>("api_base_url", "https://paperswithcode.com/api/v1",
     "REST API root, used when `links` is empty or `live_api` is true; the original site closed in July 2025: "
     "set https://paperswithcode.co/api/v1 (the relaunched site) to keep papers current (http:// allowed for "
     "mirrors and tests)").Parsed("http(s) URL", &CheckApiBaseUrl).LandsBy(&LandUrlRoot<&Settings::api_base_url>),
    // Read by ReadSettings into `mode`, with `links`.
    ConfigKey{"live_api", ConfigType::kBool, "false",
     "with `links`: after the dump, read papers newer than it from the API at `api_base_url` into the same "
     "records (a link in both is one record)"},
    ConfigField<&Settings::walk>("api_walk", "incremental",
     "API: \"incremental\" reads newest papers first and stops at the newest paper already stored; \"full\" "
     "walks every /papers/ page oldest first, resuming from the checkpoint").OneOf("incremental,full"),
    ConfigField<&Settings::api_page_size>("api_page_size", "100", "API: papers per /papers/ request").Range(1, 100),
    ConfigField<&Settings::request_budget>("request_budget", "1000",
     "API: requests per run at most, per-paper repository requests included (0: no limit); a spent budget "
     "ends the run cleanly and the next run continues from the checkpoint").AtLeast(0),
    ConfigField<&Settings::max_pages>("max_pages", "0",
     "API mode: /papers/ pages read per run at most (0: no limit); the next run continues from the checkpoint")
        .AtLeast(0),
};

//! True when `location` names an http:// or https:// URL rather than a path.
bool IsUrl(const std::string& location);

//! Reads `config` into `out` through kPapersWithCodeKeys; a missing key
//! takes its declared default. `links` non-empty selects dump mode
//! (api_base_url is then ignored unless live_api), else API mode.
//! On failure `bad_key` names the offending key.
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key);
//! The same, with the key named in the message.
Status ReadSettings(const ConfigValues& config, Settings& out);

}  // namespace mltrend::pwc
