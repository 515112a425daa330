//===----------------------------------------------------------------------===//
// framework_share — plugin.cpp
//===----------------------------------------------------------------------===//
// The module's one registration line; everything else lives in
// mltrend_framework_share_core so the tests exercise the same code.
#include "framework_share/framework_share_sink.hpp"
#include "framework_share/sink_config.hpp"
#include "mltrend/plugin.hpp"

MLTREND_REGISTER_SINK(framework_share::FrameworkShareSink, "framework_share", "0.1.0",
                      "framework share (PyTorch, TensorFlow, JAX, ...) over time, per source",
                      framework_share::kConfigKeys)
