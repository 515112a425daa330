//===----------------------------------------------------------------------===//
// tests — process.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mltrend_test {

//! A child process (the real mltrendd or mltrend binary) with stdout and
//! stderr captured to files, for end-to-end tests.
class ChildProcess {
 public:
  //! Starts `argv[0]` with `argv`, the parent's environment plus `env`
  //! (a value of "" removes the variable). Throws when it cannot start.
  ChildProcess(std::vector<std::string> argv, const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  //!< kills the child if it is still running

  pid_t Pid() const { return pid_; }
  void Signal(int signo);
  //! Waits for exit and returns the exit status (128+N when killed by
  //! signal N); -1 when `deadline` passed first (the child is then killed).
  int Wait(std::chrono::milliseconds deadline = std::chrono::minutes(5));
  //! Whether the child has exited (it is then reaped, and Wait returns its
  //! status at once); never blocks.
  bool Exited();
  std::string Stdout() const;
  std::string Stderr() const;
  //! Waits until `done(Stderr())` holds, re-reading stderr each time the
  //! child writes to it (inotify), so a test waits on a log line instead of
  //! polling; false when `deadline` passes first.
  bool WaitForStderr(const std::function<bool(const std::string&)>& done,
                     std::chrono::milliseconds deadline = std::chrono::seconds(60)) const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
  std::filesystem::path out_, err_;
};

//! Runs a command to completion; returns the exit status and fills `out`
//! with its stdout.
int RunCommand(const std::vector<std::string>& argv, std::string& out,
               const std::map<std::string, std::string>& env = {});

//! A real sd_notify peer: an AF_UNIX datagram socket the test creates, whose
//! path goes into the child's NOTIFY_SOCKET; every datagram received is kept.
class NotifySocket {
 public:
  NotifySocket();
  ~NotifySocket();
  const std::string& Path() const { return path_; }
  //! Waits until a received datagram contains `needle` as one of its
  //! "KEY=VALUE" lines (e.g. "READY=1"); false when `deadline` passes.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds deadline = std::chrono::seconds(60));
  //! Waits until `n` received datagrams hold `needle` as one of their lines.
  bool WaitForCount(const std::string& needle, size_t n,
                    std::chrono::milliseconds deadline = std::chrono::seconds(60));
  //! How many datagrams received so far hold `needle` as one of their lines.
  size_t Count(const std::string& needle) const;
  //! Whether `message` has `line` as one of its "KEY=VALUE" lines.
  static bool HasLine(const std::string& message, const std::string& line);
  //! Every datagram received so far, in order.
  const std::vector<std::string>& Messages() const { return messages_; }

 private:
  bool Receive(std::chrono::milliseconds timeout);
  int fd_ = -1;
  std::string path_;
  std::filesystem::path dir_;
  std::vector<std::string> messages_;
};

}  // namespace mltrend_test
