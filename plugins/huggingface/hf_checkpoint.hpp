//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_checkpoint.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::hf {

//! Where an unfinished crawl continues, stored as the source's checkpoint:
//!   {"next":"https://huggingface.co/api/models?...&cursor=...","page":3}
//! `next` is the URL of the next page to fetch, exactly as the previous
//! page's Link header gave it (resolved to an absolute URL); `page` is that
//! page's 1-based number within the crawl, for progress reports. A crawl
//! that reached its last page stores the empty checkpoint "", so the next
//! run starts over from the first page.
struct CrawlPosition {
  std::string next;
  int64_t page = 1;
};

std::string EncodeCheckpoint(const CrawlPosition& position);
//! Invalid (naming what is wrong) unless `text` is an object with a
//! non-empty string `next` and an integer `page` >= 1. "" is not a position:
//! callers treat it as "start over" before calling this.
Status DecodeCheckpoint(std::string_view text, CrawlPosition& out);

}  // namespace mltrend::hf
