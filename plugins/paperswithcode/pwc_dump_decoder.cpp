#include "pwc_dump_decoder.hpp"

#include <zlib.h>

#include <vector>

namespace mltrend::pwc {

struct DumpDecoder::Impl {
  enum class Kind { kUnknown, kPlain, kGzip } kind = Kind::kUnknown;
  char held = 0;  //!< the first byte, until the second tells gzip from plain
  bool holding = false;
  z_stream zs{};
  bool zs_open = false;
  bool in_member = false;  //!< inside a gzip member (its end not yet seen)
  std::vector<unsigned char> window = std::vector<unsigned char>(kWindowBytes);
  size_t raw_bytes = 0;

  ~Impl() {
    if (zs_open) inflateEnd(&zs);
  }

  Status Inflate(std::string_view bytes, const ChunkFn& out) {
    if (!zs_open) {
      if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib inflateInit2 failed");
      zs_open = true;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    // Loop while input remains, or while the last call filled the window
    // (zlib may hold more output for the same input).
    for (bool window_full = false; zs.avail_in > 0 || window_full;) {
      if (!in_member) {
        if (zs.avail_in == 0) break;
        // Concatenated members: another one starts here.
        inflateReset(&zs);
        in_member = true;
      }
      zs.next_out = window.data();
      zs.avail_out = static_cast<uInt>(window.size());
      const int rc = inflate(&zs, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        return Status::Invalid(std::string("corrupt gzip data: ") + (zs.msg ? zs.msg : "inflate failed"));
      const size_t produced = window.size() - zs.avail_out;
      window_full = zs.avail_out == 0;
      if (produced > 0) {
        if (Status s = out(std::string_view(reinterpret_cast<const char*>(window.data()), produced)); !s.ok())
          return s;
      }
      if (rc == Z_STREAM_END) in_member = false;
      else if (rc == Z_BUF_ERROR) break;  // needs more input
    }
    return Status::Ok();
  }

  Status Pass(std::string_view bytes, const ChunkFn& out) {
    return kind == Kind::kGzip ? Inflate(bytes, out) : out(bytes);
  }
};

DumpDecoder::DumpDecoder() : impl_(std::make_unique<Impl>()) {}
DumpDecoder::~DumpDecoder() = default;

Status DumpDecoder::Feed(std::string_view bytes, const ChunkFn& out) {
  Impl& d = *impl_;
  d.raw_bytes += bytes.size();
  if (bytes.empty()) return Status::Ok();
  if (d.kind == Impl::Kind::kUnknown) {
    if (!d.holding && bytes.size() == 1) {
      d.held = bytes[0];
      d.holding = true;
      return Status::Ok();
    }
    const char first = d.holding ? d.held : bytes[0];
    const char second = d.holding ? bytes[0] : bytes[1];
    d.kind = (static_cast<unsigned char>(first) == 0x1f && static_cast<unsigned char>(second) == 0x8b)
                 ? Impl::Kind::kGzip
                 : Impl::Kind::kPlain;
    if (d.holding) {
      d.holding = false;
      if (Status s = d.Pass(std::string_view(&d.held, 1), out); !s.ok()) return s;
    }
  }
  return d.Pass(bytes, out);
}

Status DumpDecoder::Finish(const ChunkFn& out) {
  Impl& d = *impl_;
  if (d.kind == Impl::Kind::kUnknown && d.holding) {
    d.kind = Impl::Kind::kPlain;
    d.holding = false;
    return out(std::string_view(&d.held, 1));
  }
  if (d.kind == Impl::Kind::kGzip && d.in_member) return Status::Invalid("the gzip data ends early (truncated dump?)");
  return Status::Ok();
}

bool DumpDecoder::Gzipped() const { return impl_->kind == Impl::Kind::kGzip; }
size_t DumpDecoder::RawBytes() const { return impl_->raw_bytes; }

}  // namespace mltrend::pwc
