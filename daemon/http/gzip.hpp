//===----------------------------------------------------------------------===//
// mltrendd — http/gzip.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrendd::http_detail {

//! Where decompressed bytes go, a chunk at a time; a non-ok return stops.
using ChunkConsumer = std::function<mltrend::Status(std::string_view)>;

//! Incremental gzip decoder (one or more concatenated members) for bodies
//! that arrive in pieces: memory stays at one 64 KiB window whatever the
//! size. Errors say what went wrong, without naming the URL (the caller adds it).
class GunzipStream {
 public:
  GunzipStream();
  ~GunzipStream();
  GunzipStream(const GunzipStream&) = delete;
  GunzipStream& operator=(const GunzipStream&) = delete;

  //! Decodes `compressed` and hands every produced chunk to `out`. Invalid
  //! for corrupt input; `out`'s own error is returned as is.
  mltrend::Status Feed(std::string_view compressed, const ChunkConsumer& out);
  //! Invalid when the input ended inside a member (truncated).
  mltrend::Status Finish() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! Decompresses a whole gzip body into `out`. Refuses output beyond
//! `max_bytes`, so a small compressed bomb cannot exhaust memory.
mltrend::Status GunzipBody(std::string_view compressed, size_t max_bytes, std::string& out);

}  // namespace mltrendd::http_detail
