//===----------------------------------------------------------------------===//
// mltrendd — runtime/fatal_signal.cpp
//===----------------------------------------------------------------------===//
// Which instance a fatal signal hit. A synchronous signal (a bad pointer, a
// division by zero, abort()) is delivered to the thread that caused it, so
// the handler knows the instance from a thread-local name set by
// PluginGuard::Enter. It may only call async-signal-safe functions: it
// copies that name into a file opened at start, with write(2), and lets the
// signal kill the process as it would have without the handler.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mltrendd/runtime/plugin_guard.hpp"

namespace mltrendd {
namespace {

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
// Instance names are [a-z0-9_-]* and keys "source." or "sink." plus one;
// a longer one is cut (the record then names no instance and counts nothing).
constexpr size_t kMaxKey = 160;
thread_local char t_instance[kMaxKey] = {};
int g_record_fd = -1;

void OnFatalSignal(int signo) {
  const int saved_errno = errno;
  if (g_record_fd >= 0 && t_instance[0] != '\0') {
    char line[kMaxKey + 16];
    size_t n = 0;
    for (size_t i = 0; i < kMaxKey && t_instance[i] != '\0'; ++i) line[n++] = t_instance[i];
    line[n++] = ' ';
    char digits[8];
    size_t d = 0;
    for (int v = signo; v > 0 && d < sizeof digits; v /= 10) digits[d++] = static_cast<char>('0' + v % 10);
    while (d > 0) line[n++] = digits[--d];
    line[n++] = '\n';
    // One pwrite at offset 0: a second faulting thread overwrites, never interleaves.
    (void)!::pwrite(g_record_fd, line, n, 0);
  }
  errno = saved_errno;
  // SA_RESETHAND restored the default action: re-raising (delivered when
  // this handler returns) ends the process with `signo`; for a real fault
  // the faulting instruction would also run again and fault again.
  ::raise(signo);
}

}  // namespace

void SetThreadInstance(const std::string& key) {
  const size_t n = std::min(key.size(), kMaxKey - 1);
  std::memcpy(t_instance, key.data(), n);
  t_instance[n] = '\0';
}

std::string SignalName(int signo) {
  switch (signo) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
  }
  return "signal " + std::to_string(signo);
}

mltrend::Status InstallFatalSignalRecord(const std::filesystem::path& file, std::string& previous) {
  previous.clear();
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return mltrend::Status::IoError("cannot open " + file.string() + ": " + std::strerror(errno));
  char buf[kMaxKey + 16];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  if (n > 0) previous.assign(buf, static_cast<size_t>(n));
  if (::ftruncate(fd, 0) != 0) {
    const int e = errno;
    ::close(fd);
    return mltrend::Status::IoError("cannot empty " + file.string() + ": " + std::strerror(e));
  }
  if (g_record_fd >= 0) ::close(g_record_fd);
  g_record_fd = fd;
  struct sigaction action {};
  action.sa_handler = OnFatalSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (int signo : kFatalSignals) ::sigaction(signo, &action, nullptr);
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
