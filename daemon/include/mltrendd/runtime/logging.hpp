//===----------------------------------------------------------------------===//
// mltrendd — runtime/logging.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>

#include "mltrend/log.hpp"

namespace spdlog {
class logger;
}

namespace mltrendd {

//! Sets the process-wide level ("trace".."error") and sink (stderr, or the
//! journal when JOURNAL_STREAM says stderr is the journal).
void ConfigureLogging(const std::string& level);

//! The spdlog logger named `name` (e.g. "source.hf"), created on first use.
std::shared_ptr<spdlog::logger> NamedLogger(const std::string& name);

//! The SDK Logger a plugin instance writes to, backed by NamedLogger(name);
//! `plugin` (the instance's plugin) becomes the journal field MLTREND_PLUGIN.
std::unique_ptr<mltrend::Logger> MakePluginLogger(const std::string& name, const std::string& plugin = "");

}  // namespace mltrendd
