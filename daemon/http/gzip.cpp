//===----------------------------------------------------------------------===//
// mltrendd — http/gzip.cpp
//===----------------------------------------------------------------------===//
#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace mltrendd::http_detail {
namespace {

//! Owns a z_stream so every return path ends it.
class Inflater {
 public:
  Inflater() = default;
  ~Inflater() {
    if (initialized_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  bool Init() {
    // 16 + MAX_WBITS: expect the gzip wrapper (header and CRC), not raw zlib.
    initialized_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK;
    return initialized_;
  }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool initialized_ = false;
};

}  // namespace

mltrend::Status GunzipBody(std::string_view compressed, size_t max_bytes, std::string& out) {
  out.clear();
  Inflater inflater;
  if (!inflater.Init()) return mltrend::Status::Internal("cannot initialise zlib");
  z_stream& zs = inflater.stream();
  // zlib counts in uInt; bodies are bounded by max_body_bytes long before that.
  if (compressed.size() > std::numeric_limits<uInt>::max()) return mltrend::Status::Invalid("gzip body is too large");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());

  char chunk[64 * 1024];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof chunk - zs.avail_out;
    if (out.size() + produced > max_bytes) {
      return mltrend::Status::Invalid("decompressed body exceeds max_body_bytes (" + std::to_string(max_bytes) + " bytes)");
    }
    out.append(chunk, produced);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) return mltrend::Status::Ok();
      // Another gzip member follows (concatenated gzip is valid).
      if (inflateReset(&zs) != Z_OK) return mltrend::Status::Internal("cannot reset zlib");
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      return mltrend::Status::Invalid("gzip body is truncated");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return mltrend::Status::Invalid(std::string("gzip body is corrupt: ") + (zs.msg ? zs.msg : "inflate failed"));
    }
  }
}

}  // namespace mltrendd::http_detail
