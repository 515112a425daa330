//===----------------------------------------------------------------------===//
// mltrendd — server/connection_table.cpp
//===----------------------------------------------------------------------===//
#include "connection_table.hpp"

namespace mltrendd {

ConnectionTable::Admission ConnectionTable::Admit(TableEntry& entry, std::shared_ptr<TableEntry>& victim) {
  std::lock_guard lock(mutex_);
  if (open_ < max_) {
    ++open_;
    entry.counted = true;
    return Admission::kAdmitted;
  }
  if (queue_.empty()) return Admission::kRefused;
  TableEntry* oldest = queue_.front();
  Unqueue(*oldest);
  // The place passes from the victim to the newcomer now, not when the
  // victim's socket is closed: the count never exceeds the limit.
  oldest->counted = false;
  entry.counted = true;
  // Null when the victim's last owner is already gone (its destructor waits
  // on our mutex to call Remove): it closes without help.
  victim = oldest->weak_from_this().lock();
  return Admission::kAdmittedByEviction;
}

void ConnectionTable::Waiting(TableEntry& entry) {
  std::lock_guard lock(mutex_);
  if (!entry.counted || entry.waiting) return;
  entry.pos = queue_.insert(queue_.end(), &entry);
  entry.waiting = true;
}

void ConnectionTable::Requeue(TableEntry& entry) {
  std::lock_guard lock(mutex_);
  if (!entry.counted) return;
  Unqueue(entry);
  entry.pos = queue_.insert(queue_.end(), &entry);
  entry.waiting = true;
}

void ConnectionTable::Busy(TableEntry& entry) {
  std::lock_guard lock(mutex_);
  Unqueue(entry);
}

void ConnectionTable::Remove(TableEntry& entry) {
  std::lock_guard lock(mutex_);
  Unqueue(entry);
  if (entry.counted) --open_;
  entry.counted = false;
}

size_t ConnectionTable::Open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void ConnectionTable::Unqueue(TableEntry& entry) {
  if (!entry.waiting) return;
  queue_.erase(entry.pos);
  entry.waiting = false;
}

}  // namespace mltrendd
