//===----------------------------------------------------------------------===//
// mltrendd — store/store_info_log.hpp (private to mltrend_store)
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdarg>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include <rocksdb/env.h>

namespace mltrendd {

//! RocksDB's info log, state_dir/LOG, written with plain write(2) whose
//! failures are ignored. It replaces RocksDB's own file logger, which
//! aborts the process once a write to LOG has failed (an assert that
//! Debian's librocksdb 7.8 keeps enabled): on a full disk the daemon must
//! lose log lines, not its life. Like RocksDB's logger it starts a new LOG
//! at each open and when LOG passes 16 MB, keeping the 3 newest LOG.old.*.
class StoreInfoLog : public rocksdb::Logger {
 public:
  explicit StoreInfoLog(std::filesystem::path dir);
  ~StoreInfoLog() override;
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override;
  void Logv(rocksdb::InfoLogLevel level, const char* format, va_list ap) override;
  //! The last line in which RocksDB reported dropping the bytes of a
  //! damaged WAL record ("<file>: dropping N bytes; <why>"); "" when none.
  std::string LastWalCorruption() const;

 private:
  rocksdb::Status CloseImpl() override;
  //! Renames LOG to LOG.old.<microseconds> and deletes the oldest beyond 3;
  //! opens a new LOG. Called with mutex_ held (or from the constructor).
  void Rotate();
  std::filesystem::path dir_;
  mutable std::mutex mutex_;
  int fd_ = -1;
  uint64_t written_ = 0;
  std::string wal_corruption_;
};

}  // namespace mltrendd
