//===----------------------------------------------------------------------===//
// mltrend SDK example: count_sink — plugin.cpp
//===----------------------------------------------------------------------===//
// The one registration line: exports the ABI and SDK versions and a
// descriptor naming the sink plugin "count", with its keys, a factory and
// CountSink::Validate.
#include <mltrend/plugin.hpp>

#include "count_sink.hpp"

MLTREND_REGISTER_SINK(count_example::CountSink, "count", "1.0.0",
                      "records per source and month of their date (SDK example)", count_example::kCountKeys)
