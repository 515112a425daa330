//===----------------------------------------------------------------------===//
// mltrendd — app/watchdog.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <systemd/sd-daemon.h>
#include <time.h>

#include <chrono>
#include <cstdint>

namespace mltrendd {

//! CLOCK_MONOTONIC in microseconds, as systemd wants it with RELOADING=1.
inline uint64_t MonotonicUsec() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

//! Pings the systemd watchdog from the event loop at half its timeout, so a
//! loop that stops turning stops the pings and systemd restarts the daemon.
class Watchdog {
 public:
  explicit Watchdog(boost::asio::io_context& io) : timer_(io) {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
      period_ = std::chrono::microseconds(usec / 2);
      Tick();
    }
  }
  void Stop() { timer_.cancel(); }

 private:
  void Tick() {
    sd_notify(0, "WATCHDOG=1");
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) Tick();
    });
  }
  boost::asio::steady_timer timer_;
  std::chrono::microseconds period_{0};
};

}  // namespace mltrendd
