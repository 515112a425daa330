//===----------------------------------------------------------------------===//
// mltrendd — runtime/journal_sink.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mltrendd {

//! The journal fields of one log line: MESSAGE, PRIORITY,
//! SYSLOG_IDENTIFIER=mltrendd, MLTREND_LOGGER, and MLTREND_SOURCE or
//! MLTREND_SINK (from a logger named "source.<name>" / "sink.<name>") plus
//! MLTREND_PLUGIN when the instance's plugin is known, so
//! `journalctl MLTREND_SOURCE=github` shows one source's lines.
std::vector<std::string> JournalFields(std::string_view logger, std::string_view plugin, int priority,
                                       std::string_view message);

//! Writes to the journal natively (spdlog 1.10's systemd sink sends no
//! logger name), one sd_journal_sendv per line.
class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}
};

//! Remembers which plugin an instance logger belongs to ("source.hf" ->
//! "huggingface"), for MLTREND_PLUGIN.
void SetLoggerPlugin(const std::string& logger, const std::string& plugin);

}  // namespace mltrendd
