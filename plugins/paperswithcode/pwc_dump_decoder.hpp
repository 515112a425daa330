//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_dump_decoder.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! Turns a dump's bytes, arriving in chunks, into its JSON text in chunks:
//! gzip (one or more members) when the first two bytes are gzip's magic
//! 1f 8b, whatever the file is called or the server says; passed through
//! otherwise. Memory: one fixed output window, whatever the dump's size.
class DumpDecoder {
 public:
  using ChunkFn = std::function<Status(std::string_view text)>;
  static constexpr size_t kWindowBytes = 64 * 1024;

  DumpDecoder();
  ~DumpDecoder();
  DumpDecoder(const DumpDecoder&) = delete;
  DumpDecoder& operator=(const DumpDecoder&) = delete;

  //! Decodes `bytes` and hands each produced piece to `out`.
  Status Feed(std::string_view bytes, const ChunkFn& out);
  //! Flushes a lone held first byte; Invalid when a gzip member was cut short.
  Status Finish(const ChunkFn& out);
  bool Gzipped() const;
  //! Compressed (raw) bytes seen.
  size_t RawBytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltrend::pwc
