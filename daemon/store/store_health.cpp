//===----------------------------------------------------------------------===//
// mltrendd — store/store_health.cpp
//===----------------------------------------------------------------------===//
// Writes that fail, and getting out of it. After a failed write (ENOSPC on
// the WAL, a flush that found no space) RocksDB sets a background error and
// refuses every later write with it, until DB::Resume(). Its own automatic
// recovery from NoSpace polls the free space every 5 s and wants a reserve
// a small volume may never have, and while it runs Resume() answers Busy; so
// the store turns it off (store_open.cpp) and resumes itself before the next
// write: the source's next run after its backoff, or the next sink fold.
// Resume writes the memtables out and starts a new WAL; the failed batch is
// in neither, so nothing of it becomes visible.
#include <sys/statvfs.h>

#include <rocksdb/listener.h>

#include "store_impl.hpp"

namespace mltrendd {

namespace {

//! Turns RocksDB's automatic recovery off, so that Resume() is ours to call.
class NoAutoRecovery : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status, bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

}  // namespace

std::string FreeSpace(const std::filesystem::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return "free space of " + dir.string() + " unknown";
  const unsigned long long unit = st.f_frsize ? st.f_frsize : st.f_bsize;
  return std::to_string(static_cast<unsigned long long>(st.f_bavail) * unit) + " bytes free of " +
         std::to_string(static_cast<unsigned long long>(st.f_blocks) * unit) + " on " + dir.string();
}

bool IsNoSpace(const rocksdb::Status& s) { return s.IsNoSpace() || s.subcode() == rocksdb::Status::kSpaceLimit; }

std::shared_ptr<rocksdb::EventListener> NoAutoRecoveryListener() { return std::make_shared<NoAutoRecovery>(); }

Status Store::Impl::WriteFailed(std::string_view what, const rocksdb::Status& s) {
  const bool no_space = IsNoSpace(s);
  std::string message = "state_dir " + dir.string() + ": cannot " + std::string(what) + ": ";
  if (no_space) message += "the store's volume is full (";
  else message += "write failed (";
  message += FreeSpace(dir) + "): " + s.ToString();
  write_failed.store(true);
  {
    std::lock_guard lock(health_mutex);
    health.write_errors += 1;
    health.disk_full = no_space;
    health.last_error = message;
  }
  return Status::IoError(std::move(message));
}

void Store::Impl::WriteSucceeded() {
  std::lock_guard lock(health_mutex);
  health.disk_full = false;
  health.last_error.clear();
}

Status Store::Impl::ResumeIfFailed(std::string_view what) {
  if (!write_failed.load()) return Status::Ok();
  std::lock_guard lock(resume_mutex);
  if (!write_failed.load()) return Status::Ok();  // another caller resumed
  const rocksdb::Status s = db->Resume();
  if (!s.ok()) return WriteFailed(std::string(what) + " (the store stays read-only since an earlier write failed)", s);
  write_failed.store(false);
  return Status::Ok();
}

Status Store::Impl::Write(rocksdb::WriteBatch& batch, std::string_view what, bool sync) {
  if (auto st = ResumeIfFailed(what); !st.ok()) return st;
  rocksdb::WriteOptions options = WriteOpts();
  options.sync = options.sync || sync;
  const rocksdb::Status s = db->Write(options, &batch);
  if (!s.ok()) return WriteFailed(what, s);
  WriteSucceeded();
  return Status::Ok();
}

StoreHealth Store::Health() const {
  std::lock_guard lock(impl_->health_mutex);
  return impl_->health;
}

}  // namespace mltrendd
