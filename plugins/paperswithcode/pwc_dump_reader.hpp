//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_dump_reader.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "pwc_array_scanner.hpp"
#include "pwc_dump_decoder.hpp"
#include "mltrend/cancel.hpp"
#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! A dump's raw bytes (gzip or plain, in chunks of any size) in, one JSON
//! object's text at a time out: DumpDecoder then ArrayScanner. Memory stays
//! flat: the decoder's 64 KiB window plus the largest object.
class DumpReader {
 public:
  explicit DumpReader(ArrayScanner::ObjectFn on_object) : on_object_(std::move(on_object)) {}

  Status Feed(std::string_view raw);
  //! Invalid when the dump was cut short (gzip member or array unfinished).
  Status Finish();

  uint64_t Objects() const { return scanner_.Objects(); }
  //! The most bytes this reader ever held at once: the decoder's window
  //! plus the longest partial object carried between chunks.
  size_t PeakBufferedBytes() const { return DumpDecoder::kWindowBytes + scanner_.PeakBufferedBytes(); }
  bool Gzipped() const { return decoder_.Gzipped(); }

 private:
  ArrayScanner::ObjectFn on_object_;
  DumpDecoder decoder_;
  ArrayScanner scanner_;
};

//! Hands the file's bytes to `chunk` 64 KiB at a time; stops with Cancelled
//! when `cancel` fires between chunks.
Status ReadFileChunks(const std::filesystem::path& file, const CancelToken& cancel,
                      const std::function<Status(std::string_view)>& chunk);

//! What identifies a local dump's content without reading all of it:
//! "size=<bytes> mtime=<ns> head-tail=<FNV-1a 64 of the first and last MiB>".
//! A regenerated dump changes its size or tail; a copied one (new mtime) is
//! re-ingested, which is harmless (upserts).
Status FileFingerprint(const std::filesystem::path& file, std::string& out);

}  // namespace mltrend::pwc
