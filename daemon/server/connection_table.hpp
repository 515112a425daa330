//===----------------------------------------------------------------------===//
// mltrendd — server/connection_table.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

namespace mltrendd {

//! What the table keeps about one connection; a session derives from it.
//! Only the table touches these fields, under its mutex.
struct TableEntry : std::enable_shared_from_this<TableEntry> {
  virtual ~TableEntry() = default;
  //! Closes the connection; called (posted) on the entry's own executor.
  virtual void Evict() = 0;

  std::list<TableEntry*>::iterator pos;
  bool waiting = false;  //!< in the table's queue of evictable connections
  bool counted = false;  //!< holds one of the max_connections places
};

//! The query server's open connections, and which one gives way when a new
//! client arrives at the limit: the one that has waited longest — for its
//! first request, between keep-alive requests, or since the first byte of a
//! request it has not finished sending. A connection being answered is
//! never evicted. Thread-safe.
class ConnectionTable {
 public:
  explicit ConnectionTable(size_t max) : max_(max) {}

  enum class Admission { kAdmitted, kAdmittedByEviction, kRefused };
  //! Gives `entry` a place; at the limit takes the place of the connection
  //! that waited longest, returned in `victim` (null if it is already
  //! closing) for the caller to Evict(). kRefused: every place is busy.
  Admission Admit(TableEntry& entry, std::shared_ptr<TableEntry>& victim);
  //! The connection waits for (the rest of) a request: it joins the back of
  //! the eviction queue, or keeps its position if it is already there.
  void Waiting(TableEntry& entry);
  //! Waits afresh: back of the queue (a keep-alive connection answered).
  void Requeue(TableEntry& entry);
  //! The connection is being answered: not evictable.
  void Busy(TableEntry& entry);
  //! The connection is gone.
  void Remove(TableEntry& entry);
  size_t Open() const;

 private:
  void Unqueue(TableEntry& entry);

  const size_t max_;
  mutable std::mutex mutex_;
  size_t open_ = 0;
  std::list<TableEntry*> queue_;  //!< evictable connections, longest waiting first
};

}  // namespace mltrendd
