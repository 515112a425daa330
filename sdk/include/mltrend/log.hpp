//===----------------------------------------------------------------------===//
// mltrend SDK — log.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string_view>

namespace mltrend {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

//! Where a plugin writes its log lines. The daemon names the logger after
//! the plugin instance (`source.hf`, `sink.trends`) and routes it to stderr
//! or the journal. Never log a token or an Authorization header.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Write(LogLevel level, std::string_view message) = 0;
  virtual bool Enabled(LogLevel level) const = 0;

  void Debug(std::string_view m) { Write(LogLevel::kDebug, m); }
  void Info(std::string_view m) { Write(LogLevel::kInfo, m); }
  void Warn(std::string_view m) { Write(LogLevel::kWarn, m); }
  void Error(std::string_view m) { Write(LogLevel::kError, m); }
};

}  // namespace mltrend
