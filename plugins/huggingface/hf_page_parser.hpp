//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_page_parser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend::hf {

//! The Hub's createdAt floor: every model created before the Hub stored
//! creation dates carries this value (SOURCE-APIS.md).
inline constexpr std::string_view kCreatedAtFloor = "2022-03-02T23:29:04.000Z";
//! The cohort period such models get instead of March 2022.
inline constexpr std::string_view kPreFloorPeriod = "pre-2022-03";

//! A model object that failed validation; the rest of its page still counts.
struct Rejection {
  size_t index = 0;    //!< position in the page's array, from 0
  std::string id;      //!< its `_id`, else its `id`, else ""
  std::string reason;  //!< one sentence naming the field and what was wrong
};

//! The outcome of parsing one `GET /api/models` page.
struct ParsedPage {
  std::vector<Record> records;
  std::vector<Rejection> rejections;
};

//! Parses a page body: a bare JSON array of model objects.
//!
//! Record mapping: id = `_id` (a string, required), name = `id` (a string,
//! required), date = `createdAt` (a string of the form
//! YYYY-MM-DDTHH:MM:SS...), period_override = "pre-2022-03" when createdAt is
//! the floor (any fraction or none), tags = `tags` (an array of strings),
//! library_names = `library_name` split on commas, trimmed, empties dropped
//! (the raw value also in attrs["library_name"]), attrs["pipeline_tag"],
//! attrs["createdAt"], attrs["lastModified"] (strings), metrics["downloads"]
//! and metrics["likes"] (non-negative integers that fit int64), attrs["sha"]
//! = `sha` (a string), files = the evidence among `siblings` (an array of
//! {"rfilename": string} objects; SelectEvidenceFiles) with
//! attrs["files_listed"] = "true" whenever `siblings` is an array, even an
//! empty one, so "no file list" and "no weight files" differ. Optional
//! fields may be absent or null; unknown fields are ignored (but their JSON
//! must still be valid).
//!
//! A model failing validation lands in `rejections`, not in `records`. The
//! whole call fails with Invalid, leaving `out` unspecified, when the body is
//! not valid JSON anywhere (truncated, bad literal, trailing content) or is
//! valid JSON but not an array: a page is used whole or not at all.
Status ParseModelsPage(std::string_view body, ParsedPage& out);

//! `library_name` split on commas, each part trimmed of blanks, empty parts
//! dropped: "transformers, peft" -> {"transformers", "peft"}.
std::vector<std::string> SplitLibraryNames(std::string_view raw);

}  // namespace mltrend::hf
