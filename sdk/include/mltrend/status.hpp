//===----------------------------------------------------------------------===//
// mltrend SDK — status.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace mltrend {

//! What kind of failure a Status carries. The scheduler reads it to decide
//! how long to wait before the next attempt.
enum class StatusCode {
  kOk,
  kInvalidInput,  //!< the peer or the user sent something malformed
  kIoError,       //!< network, disk or TLS failure
  kRateLimited,   //!< the server asked us to slow down (see Status::RetryAfter)
  kCancelled,     //!< the daemon is stopping or the source was removed
  kNotFound,
  kInternal,
};

//! The result of an operation that can fail in an expected way (osquery's
//! Status). Exceptions are kept for the truly exceptional; a plugin returns
//! a Status from every entry point and never lets an exception escape.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Cancelled(std::string m = "cancelled") { return {StatusCode::kCancelled, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  //! A rate-limit answer; `retry_after` is the server's own wait, if it gave one.
  static Status RateLimited(std::string m, std::optional<std::chrono::seconds> retry_after) {
    Status s{StatusCode::kRateLimited, std::move(m)};
    s.retry_after_ = retry_after;
    return s;
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  //! The wait the server asked for (Retry-After, RateLimit t=, rate-limit reset).
  //! The scheduler never retries sooner than this.
  const std::optional<std::chrono::seconds>& RetryAfter() const { return retry_after_; }
  Status& WithRetryAfter(std::optional<std::chrono::seconds> s) {
    retry_after_ = s;
    return *this;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::optional<std::chrono::seconds> retry_after_;
};

//! Runs `body` (returning Status) and turns any exception it throws into
//! Status::Internal("<what> failed: ..."): no exception may leave a plugin
//! entry point into the daemon. `what` names the plugin and the call.
template <typename F>
Status Guarded(const std::string& what, F&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    return Status::Internal(what + " failed: " + e.what());
  } catch (...) {
    return Status::Internal(what + " failed with an unknown exception");
  }
}

}  // namespace mltrend
