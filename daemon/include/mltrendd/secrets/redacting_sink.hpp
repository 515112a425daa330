//===----------------------------------------------------------------------===//
// mltrendd — secrets/redacting_sink.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <spdlog/sinks/sink.h>

#include <memory>
#include <string>

#include "mltrendd/secrets/secrets.hpp"

namespace mltrendd {

//! The spdlog sink every logger of the daemon and its plugins writes to:
//! each line's message goes through Redact before the real sink (stderr or
//! the journal) formats it, so no log line, whatever its level or author,
//! carries a registered secret.
class RedactingSink final : public spdlog::sinks::sink {
 public:
  explicit RedactingSink(spdlog::sink_ptr inner) : inner_(std::move(inner)) {}

  void log(const spdlog::details::log_msg& msg) override {
    const std::string text = Redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg redacted = msg;
    redacted.payload = spdlog::string_view_t(text.data(), text.size());
    inner_->log(redacted);
  }
  void flush() override { inner_->flush(); }
  void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    inner_->set_formatter(std::move(formatter));
  }

 private:
  spdlog::sink_ptr inner_;
};

}  // namespace mltrendd
