//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — jsonl_record.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include <mltrend/record.hpp>

namespace jsonl_example {

//! Turns one line of the file into a Record. A line is one JSON object:
//!
//!   {"id": "m1", "name": "org/model", "date": "2024-05-01",
//!    "tags": [...], "library_names": [...], "topics": [...], "declared": [...],
//!    "metrics": {"downloads": 10}, "attrs": {"pipeline_tag": "fill-mask"}}
//!
//! Only "id" is required. "date" is empty or starts with YYYY-MM-DD; the
//! lists hold strings; metrics are integers; attrs are strings. Unknown keys
//! are ignored, so a newer writer may add fields. On failure returns false,
//! sets `why`, and sets `id` to the line's id when it had one (for the log).
bool ParseRecordLine(std::string_view line, mltrend::Record& out, std::string& id, std::string& why);

}  // namespace jsonl_example
