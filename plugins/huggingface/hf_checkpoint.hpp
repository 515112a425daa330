//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_checkpoint.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::hf {

//! Which page sequence a run is reading.
enum class Phase {
  kFull,      //!< the configured sort, every page: a full crawl
  kCreated,   //!< refresh, sort=createdAt newest first, down to the stored mark
  kModified,  //!< refresh, sort=lastModified newest first, down to the last refresh's start
};
std::string_view PhaseName(Phase phase);  //!< "full", "createdAt", "lastModified"

//! Where an unfinished crawl continues, stored as the source's checkpoint:
//!   {"phase":"createdAt","next":"https://huggingface.co/api/models?...&cursor=...",
//!    "page":3,"started":1732400000,"stop":"2024-11-29T20:42:22.000Z"}
//! `next` is the URL of the next page to fetch, exactly as the previous
//! page's Link header gave it (resolved to an absolute URL); `page` is that
//! page's 1-based number within its phase, for progress reports. `started`
//! is when the full crawl or refresh began (seconds since the epoch): it
//! becomes the lastModified mark once it finishes. `stop` is the mark the
//! refresh phase reads down to, fixed when the phase began, so a resumed
//! phase stops where the interrupted one would have. A crawl that reached
//! its end stores the empty checkpoint "", so the next run decides afresh.
//! A checkpoint without `phase` (written before refreshes existed) is a
//! full crawl with `started` 0.
struct CrawlPosition {
  Phase phase = Phase::kFull;
  std::string next;
  int64_t page = 1;
  int64_t started = 0;
  std::string stop;
};

std::string EncodeCheckpoint(const CrawlPosition& position);
//! Invalid (naming what is wrong) unless `text` is an object with a
//! non-empty string `next`, an integer `page` >= 1 and, when present, a known
//! `phase`, an integer `started` and a string `stop`. "" is not a position:
//! callers treat it as "start over" before calling this.
Status DecodeCheckpoint(std::string_view text, CrawlPosition& out);

}  // namespace mltrend::hf
