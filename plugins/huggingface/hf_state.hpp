//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_state.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mltrend::hf {

//! The source's own state keys (SourceContext::GetState / Page::state), each
//! committed with the page that makes it true.
namespace state {
//! Seconds since the epoch when the last full crawl finished: a run within
//! full_crawl_interval of it is a refresh.
inline constexpr std::string_view kFullFinishedAt = "full/finished_at";
//! The newest createdAt stored (ISO-8601): a refresh's createdAt phase reads
//! down to it.
inline constexpr std::string_view kCreatedMark = "refresh/created_mark";
//! When the last completed full crawl or refresh began (ISO-8601): a
//! refresh's lastModified phase reads down to it.
inline constexpr std::string_view kModifiedMark = "refresh/modified_mark";
//! First-commit enrichment: the queue's next free and next unread slot, one
//! model `_id` per slot, the pending models' record copies and the dates
//! found (see hf_enrich.hpp).
inline constexpr std::string_view kEnrichTail = "enrich/tail";
inline constexpr std::string_view kEnrichHead = "enrich/head";
inline std::string EnrichSlot(int64_t seq) { return "enrich/queue/" + std::to_string(seq); }
inline std::string EnrichRecord(std::string_view id) { return "enrich/rec/" + std::string(id); }
inline std::string EnrichDate(std::string_view id) { return "enrich/date/" + std::string(id); }
//! Safetensors header reads (see hf_headers.hpp): the queue, one record
//! copy per key, ordered so that a bytewise scan meets the most downloaded
//! model first; each queued model's current queue key; the result per model
//! (the sha it belongs to, the file read, the format or "none", an error).
inline constexpr std::string_view kHeaderQueuePrefix = "hdr/queue/";
std::string HeaderQueueKey(int64_t downloads, std::string_view id);
inline std::string HeaderPending(std::string_view id) { return "hdr/pending/" + std::string(id); }
inline std::string HeaderDone(std::string_view id) { return "hdr/done/" + std::string(id); }
}  // namespace state

//! "2024-11-29T20:42:22.000Z" for seconds since the epoch (UTC): the Hub's
//! own timestamp form, so marks compare with its values as text.
std::string IsoTimestamp(int64_t epoch_seconds);
//! Compares two ISO-8601 UTC timestamps by their first 19 characters
//! (YYYY-MM-DDTHH:MM:SS), ignoring fractions and zone suffix: < 0, 0, > 0.
int CompareTimestamps(std::string_view a, std::string_view b);
//! A decimal integer, nullopt when `text` is anything else.
std::optional<int64_t> ParseInt(std::string_view text);

}  // namespace mltrend::hf
