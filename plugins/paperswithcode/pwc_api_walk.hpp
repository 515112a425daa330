//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_api_walk.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pwc_api_parser.hpp"
#include "mltrend/source.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

//! Source state of API walks and of the dump-to-API join.
//! "<published>\t<paper id>" of the newest paper an incremental walk reached.
inline constexpr const char* kStateNewest = "api.newest";
//! The newest record date of the ingested dump ("YYYY-MM[-DD]"): where the
//! first incremental walk after the dump stops.
inline constexpr const char* kStateDumpNewest = "links.newest_date";
//! Present once a dump was ingested with its arXiv-id index (live_api).
inline constexpr const char* kStateKeyIndex = "links.key_index";
//! "key.arxiv/<arXiv id>" -> the paper slug the dump keys that paper by.
inline constexpr const char* kArxivKeyPrefix = "key.arxiv/";

//! Where an API walk stands; the checkpoint of every committed API page.
//! Encoded "incremental\t<page>\t<url>\t<newest published>\t<newest id>" or
//! "full\t<page>\t<url>"; a bare URL (before version 17) reads as a full walk.
struct ApiPosition {
  Walk walk = Walk::kIncremental;
  uint64_t page = 1;  //!< the number of the /papers/ page at `url`
  std::string url;    //!< the next /papers/ request
  //! Incremental: the newest paper of this walk (its first), stored as
  //! kStateNewest when the walk completes.
  std::string newest_published, newest_id;
};
std::string EncodeApiPosition(const ApiPosition& position);
//! False for text that is no API position (a dump checkpoint, say).
bool DecodeApiPosition(const std::string& text, const std::string& api_base_url, ApiPosition& out);

//! The first /papers/ URL of a walk: `order_by=date_published` with inline
//! repositories (`include_resources=true`), `order_dir=desc` (incremental:
//! newest first) or `asc` (full: oldest first, so that papers added during
//! a long walk land after it and resuming by page number skips none).
std::string FirstPageUrl(const Settings& settings);
//! Page `page` of the walk when an answer gives no `next`.
std::string PageUrl(const Settings& settings, uint64_t page);

//! Where an incremental walk stops: at the paper `id`, or at the first paper
//! published before `published` (a prefix compare: "2025-06-30" is before
//! "2025-07", "2025-07-01" is not).
struct StopMark {
  std::string published, id;
  bool Reached(const ApiPaper& paper) const;
};
//! kStateNewest, else the dump's newest date, else nullopt (walk to the end).
Status ReadStopMark(SourceContext& ctx, std::optional<StopMark>& out);

//! The paper part of a record key, the same spelling the dump uses for the
//! same paper: (1) the dump's slug for the paper's arXiv id (kArxivKeyPrefix
//! state), (2) the API id when it is not all digits (the original API's id
//! is the dump's slug), (3) the arXiv id, (4) the API id. `slug` is set for
//! (1) and (2).
Status PaperKey(SourceContext& ctx, const ApiPaper& paper, std::string& key, bool& slug);

}  // namespace mltrend::pwc
