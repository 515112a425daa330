//===----------------------------------------------------------------------===//
// mltrendd — store/store_info_log.cpp
//===----------------------------------------------------------------------===//
#include "store_info_log.hpp"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <system_error>
#include <vector>

namespace mltrendd {

namespace {

constexpr uint64_t kMaxLogBytes = 16ull << 20;
constexpr size_t kKeepOld = 3;
constexpr std::string_view kOldPrefix = "LOG.old.";

}  // namespace

StoreInfoLog::StoreInfoLog(std::filesystem::path dir) : dir_(std::move(dir)) { Rotate(); }

StoreInfoLog::~StoreInfoLog() {
  if (fd_ >= 0) ::close(fd_);
}

rocksdb::Status StoreInfoLog::CloseImpl() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  return rocksdb::Status::OK();
}

void StoreInfoLog::Rotate() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  const auto log = dir_ / "LOG";
  if (std::filesystem::exists(log, ec)) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    std::filesystem::rename(log, dir_ / (std::string(kOldPrefix) + std::to_string(micros)), ec);
  }
  std::vector<std::string> old;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, kOldPrefix.size(), kOldPrefix) == 0) old.push_back(name);
  }
  // Same-width microsecond stamps: name order is age order.
  std::sort(old.begin(), old.end());
  for (size_t i = 0; i + kKeepOld < old.size(); ++i) std::filesystem::remove(dir_ / old[i], ec);
  fd_ = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  written_ = 0;
}

void StoreInfoLog::Logv(const char* format, va_list ap) { Logv(rocksdb::InfoLogLevel::INFO_LEVEL, format, ap); }

void StoreInfoLog::Logv(rocksdb::InfoLogLevel level, const char* format, va_list ap) {
  if (level < GetInfoLogLevel()) return;
  char stamp[64];
  timeval now{};
  ::gettimeofday(&now, nullptr);
  std::tm tm{};
  ::localtime_r(&now.tv_sec, &tm);
  const int stamp_len = std::snprintf(stamp, sizeof stamp, "%04d/%02d/%02d-%02d:%02d:%02d.%06ld ",
                                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                                      tm.tm_sec, static_cast<long>(now.tv_usec));
  std::string line(stamp, static_cast<size_t>(std::max(0, stamp_len)));
  va_list copy;
  va_copy(copy, ap);
  const int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n > 0) {
    const size_t at = line.size();
    line.resize(at + static_cast<size_t>(n) + 1);
    std::vsnprintf(line.data() + at, static_cast<size_t>(n) + 1, format, ap);
    line.resize(at + static_cast<size_t>(n));
  }
  if (line.empty() || line.back() != '\n') line.push_back('\n');

  std::lock_guard lock(mutex_);
  // RocksDB's WAL recovery reports a damaged record as "<file>: dropping N
  // bytes; Corruption: ..." here and returns a status without the file.
  if (level >= rocksdb::InfoLogLevel::WARN_LEVEL && line.find(": dropping ") != std::string::npos) {
    wal_corruption_ = line.substr(static_cast<size_t>(std::max(0, stamp_len)));
    while (!wal_corruption_.empty() && wal_corruption_.back() == '\n') wal_corruption_.pop_back();
    // Without RocksDB's "[source file:line] " prefix.
    if (const size_t end = wal_corruption_.find("] "); wal_corruption_[0] == '[' && end != std::string::npos)
      wal_corruption_.erase(0, end + 2);
  }
  if (written_ >= kMaxLogBytes) Rotate();
  if (fd_ < 0) return;
  // A failed or short write (ENOSPC) loses this line and nothing else.
  const ssize_t w = ::write(fd_, line.data(), line.size());
  if (w > 0) written_ += static_cast<uint64_t>(w);
}

std::string StoreInfoLog::LastWalCorruption() const {
  std::lock_guard lock(mutex_);
  return wal_corruption_;
}

}  // namespace mltrendd
