//===----------------------------------------------------------------------===//
// mltrendd — runtime/crash_point.hpp
//===----------------------------------------------------------------------===//
// TEST HOOK. Named places in the commit paths where the crash-consistency
// test (tests/crash) makes the daemon kill itself with SIGKILL, so that
// kills land exactly before or after a WriteBatch, not only wherever a
// timer happens to fire. Inert unless the environment sets
//
//   MLTREND_CRASH_POINT=<name>:<n>     e.g. page.before_write:3
//
// read once, at the first CrashPoint call: the n-th pass (1-based, counted
// across threads) through the point called <name> writes one line
// "mltrendd: crash point <name> pass <n>" to stderr and sends SIGKILL to
// the whole process. Any other value, or none, leaves every point a no-op
// costing one string comparison at most. Points in use:
//   page.before_write / page.after_write   Store::CommitPage, around its Write
//   sink.before_write / sink.after_write   Store::CommitSink (a fold chunk, a
//                                          recompute or an observed snapshot)
//   prune.marked                           PruneFoldedChanges, between the
//                                          pruned-upto mark and the prune
// Header-only so that every layer (the store below the runtime included)
// can call it without a link dependency.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace mltrendd {

namespace crash_point_detail {

//! The armed point: its name and the pass that kills (0: none armed),
//! parsed from the variable's value (nullptr or malformed: none armed).
struct Armed {
  explicit Armed(const char* spec) {
    if (spec == nullptr) return;
    const std::string_view text(spec);
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return;
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(text.data() + colon + 1, last, nth);
    if (ec != std::errc() || end != last) {
      nth = 0;
      return;
    }
    name = std::string(text.substr(0, colon));
  }
  std::string name;
  uint64_t nth = 0;
  std::atomic<uint64_t> passes{0};
};

inline Armed& TheArmed() {
  static Armed armed(std::getenv("MLTREND_CRASH_POINT"));
  return armed;
}

}  // namespace crash_point_detail

//! Test hook (see the file comment): SIGKILLs the process on the armed pass
//! through the point `name`; otherwise does nothing.
inline void CrashPoint(std::string_view name) {
  crash_point_detail::Armed& armed = crash_point_detail::TheArmed();
  if (armed.nth == 0 || name != armed.name) return;
  const uint64_t pass = armed.passes.fetch_add(1) + 1;
  if (pass != armed.nth) return;
  const std::string line = "mltrendd: crash point " + armed.name + " pass " + std::to_string(pass) + "\n";
  (void)!::write(STDERR_FILENO, line.data(), line.size());
  ::kill(::getpid(), SIGKILL);
}

}  // namespace mltrendd
