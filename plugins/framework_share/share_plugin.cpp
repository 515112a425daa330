//===----------------------------------------------------------------------===//
// framework_share — share_plugin.cpp
//===----------------------------------------------------------------------===//
// The module's one registration line; everything else lives in
// mltrend_framework_share_core so the tests exercise the same code.
#include "share_sink.hpp"
#include "share_sink_config.hpp"
#include "mltrend/plugin.hpp"

MLTREND_REGISTER_SINK(mltrend::share::FrameworkShareSink, "framework_share", "0.1.0",
                      "framework share (PyTorch, TensorFlow, JAX, ...) over time, per source",
                      mltrend::share::kConfigKeys)
