#include "mltrend_test/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

#include "mltrend_test/test_support.hpp"

extern char** environ;

namespace mltrend_test {
namespace fs = std::filesystem;

namespace {

fs::path UniqueTempPath(const std::string& stem) {
  static std::mt19937_64 rng{std::random_device{}()};
  return fs::temp_directory_path() / (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(rng()));
}

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) {
    if (v.empty()) {
      merged.erase(k);
    } else {
      merged[k] = v;
    }
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::map<std::string, std::string>& env) {
  out_ = UniqueTempPath("mltrend-child-out");
  err_ = UniqueTempPath("mltrend-child-err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> envs = MergedEnvironment(env);
  auto cargv = CStrings(argv);
  auto cenv = CStrings(envs);
  int rc = posix_spawnp(&pid_, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

ChildProcess::~ChildProcess() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int st;
    ::waitpid(pid_, &st, 0);
  }
  std::error_code ec;
  fs::remove(out_, ec);
  fs::remove(err_, ec);
}

void ChildProcess::Signal(int signo) {
  if (!reaped_) ::kill(pid_, signo);
}

int ChildProcess::Wait(std::chrono::milliseconds deadline) {
  if (reaped_) return status_;
  // waitpid has no timeout; a pidfd becomes readable when the child exits,
  // so poll() on it waits for exactly that event, bounded by `deadline`.
  int st = 0;
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  bool exited = true;
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    exited = ::poll(&p, 1, static_cast<int>(deadline.count())) > 0;
    ::close(pidfd);
  }
  if (!exited) ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &st, 0);
  if (!exited) {
    reaped_ = true;
    status_ = -1;
    return -1;
  }
  reaped_ = true;
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return status_;
}

bool ChildProcess::Exited() {
  if (reaped_) return true;
  int st = 0;
  if (::waitpid(pid_, &st, WNOHANG) != pid_) return false;
  reaped_ = true;
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return true;
}

std::string ChildProcess::Stdout() const { return ReadFile(out_); }
std::string ChildProcess::Stderr() const { return ReadFile(err_); }

bool ChildProcess::WaitForStderr(const std::function<bool(const std::string&)>& done,
                                 std::chrono::milliseconds deadline) const {
  const int fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd < 0) throw std::runtime_error(std::string("inotify_init1: ") + std::strerror(errno));
  // Watched before the first read: a write between the two is an event.
  if (::inotify_add_watch(fd, err_.c_str(), IN_MODIFY) < 0) {
    ::close(fd);
    throw std::runtime_error("cannot watch " + err_.string() + ": " + std::strerror(errno));
  }
  const auto until = std::chrono::steady_clock::now() + deadline;
  bool met = done(Stderr());
  while (!met) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char events[4096];
    while (::read(fd, events, sizeof events) > 0) {
    }
    met = done(Stderr());
  }
  ::close(fd);
  if (!met) met = done(Stderr());
  return met;
}

int RunCommand(const std::vector<std::string>& argv, std::string& out, const std::map<std::string, std::string>& env) {
  ChildProcess child(argv, env);
  int status = child.Wait();
  out = child.Stdout();
  return status;
}

NotifySocket::NotifySocket() {
  dir_ = UniqueTempPath("mltrend-notify");
  fs::create_directories(dir_);
  path_ = (dir_ / "notify.sock").string();
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("cannot create the notify socket");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path_.size() >= sizeof addr.sun_path) throw std::runtime_error("notify socket path too long");
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error("cannot bind the notify socket " + path_);
  }
}

NotifySocket::~NotifySocket() {
  if (fd_ >= 0) ::close(fd_);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

bool NotifySocket::Receive(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (r <= 0) return false;
  char buf[4096];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  messages_.emplace_back(buf, static_cast<size_t>(n));
  return true;
}

bool NotifySocket::WaitFor(const std::string& needle, std::chrono::milliseconds deadline) {
  return WaitForCount(needle, 1, deadline);
}

size_t NotifySocket::Count(const std::string& needle) const {
  size_t n = 0;
  for (const auto& m : messages_) n += HasLine(m, needle) ? 1 : 0;
  return n;
}

bool NotifySocket::HasLine(const std::string& message, const std::string& line) {
  std::istringstream lines(message);
  for (std::string l; std::getline(lines, l);)
    if (l == line) return true;
  return false;
}

bool NotifySocket::WaitForCount(const std::string& needle, size_t n, std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (Count(needle) < n) {
    auto now = std::chrono::steady_clock::now();
    if (now >= until) return false;
    if (!Receive(std::chrono::duration_cast<std::chrono::milliseconds>(until - now))) return false;
  }
  return true;
}

}  // namespace mltrend_test
