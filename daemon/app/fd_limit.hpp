//===----------------------------------------------------------------------===//
// mltrendd — app/fd_limit.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <sys/resource.h>

namespace mltrendd {

//! Raises the soft RLIMIT_NOFILE to the hard limit. systemd starts services
//! with a soft limit of 1024 (select()'s limit; the daemon uses epoll), too
//! few for query_max_connections clients beside RocksDB's files. Returns
//! the soft limit now in force (the old one if raising failed).
inline rlim_t RaiseFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur == limit.rlim_max) return limit.rlim_cur;
  const rlim_t old = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  return ::setrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : old;
}

}  // namespace mltrendd
