//===----------------------------------------------------------------------===//
// mltrendd — http/gzip.cpp
//===----------------------------------------------------------------------===//
#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace mltrendd::http_detail {

struct GunzipStream::Impl {
  z_stream zs{};
  bool initialized = false;
  //! Inside a member: input ending here is a truncated body.
  bool in_member = false;
};

GunzipStream::GunzipStream() : impl_(std::make_unique<Impl>()) {
  // 16 + MAX_WBITS: expect the gzip wrapper (header and CRC), not raw zlib.
  impl_->initialized = inflateInit2(&impl_->zs, 16 + MAX_WBITS) == Z_OK;
}

GunzipStream::~GunzipStream() {
  if (impl_->initialized) inflateEnd(&impl_->zs);
}

mltrend::Status GunzipStream::Feed(std::string_view compressed, const ChunkConsumer& out) {
  if (!impl_->initialized) return mltrend::Status::Internal("cannot initialise zlib");
  z_stream& zs = impl_->zs;
  char chunk[64 * 1024];
  while (!compressed.empty()) {
    // zlib counts in uInt: feed at most that much at a time.
    const size_t take = std::min<size_t>(compressed.size(), std::numeric_limits<uInt>::max());
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(take);
    impl_->in_member = true;
    for (;;) {
      zs.next_out = reinterpret_cast<Bytef*>(chunk);
      zs.avail_out = sizeof chunk;
      const int rc = inflate(&zs, Z_NO_FLUSH);
      const size_t produced = sizeof chunk - zs.avail_out;
      if (produced > 0) {
        if (auto s = out(std::string_view(chunk, produced)); !s.ok()) return s;
      }
      if (rc == Z_STREAM_END) {
        // Another gzip member may follow (concatenated gzip is valid).
        if (inflateReset(&zs) != Z_OK) return mltrend::Status::Internal("cannot reset zlib");
        impl_->in_member = zs.avail_in > 0;
        if (!impl_->in_member) break;
        continue;
      }
      if (rc == Z_BUF_ERROR) break;  // no progress without more input
      if (rc != Z_OK) {
        return mltrend::Status::Invalid(std::string("gzip body is corrupt: ") + (zs.msg ? zs.msg : "inflate failed"));
      }
      // All input taken and the window drained: wait for the next piece.
      if (zs.avail_in == 0 && zs.avail_out != 0) break;
    }
    compressed.remove_prefix(take);
  }
  return mltrend::Status::Ok();
}

mltrend::Status GunzipStream::Finish() const {
  if (impl_->in_member) return mltrend::Status::Invalid("gzip body is truncated");
  return mltrend::Status::Ok();
}

mltrend::Status GunzipBody(std::string_view compressed, size_t max_bytes, std::string& out) {
  out.clear();
  GunzipStream stream;
  auto s = stream.Feed(compressed, [&](std::string_view chunk) {
    if (out.size() + chunk.size() > max_bytes) {
      return mltrend::Status::Invalid("decompressed body exceeds max_body_bytes (" + std::to_string(max_bytes) +
                                      " bytes)");
    }
    out.append(chunk);
    return mltrend::Status::Ok();
  });
  if (!s.ok()) return s;
  return stream.Finish();
}

}  // namespace mltrendd::http_detail
