//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — plugin.cpp
//===----------------------------------------------------------------------===//
// The one registration line. It exports the ABI version (checked by the
// daemon before anything else), the SDK version, and a descriptor naming the
// plugin "jsonl" with its key table, a factory, and JsonlSource::Validate.
#include <mltrend/plugin.hpp>

#include "jsonl_source.hpp"

MLTREND_REGISTER_SOURCE(jsonl_example::JsonlSource, "jsonl", "1.0.0",
                        "records from a local JSON-lines file (SDK example)", jsonl_example::kJsonlKeys)
