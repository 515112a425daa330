//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_array_scanner.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrend::pwc {

//! Cuts a top-level JSON array of objects, arriving in chunks of any size,
//! into one object's text at a time, so a dump of any length is read in
//! memory bounded by its largest object. Only the array's structure is
//! checked here (brackets, commas, strings and escapes, so `{` or `"` inside
//! a string does not count); each object's own JSON is validated by the
//! caller's parser.
class ArrayScanner {
 public:
  //! Receives each complete object (from `{` to its `}`); the view is valid
  //! only during the call. A non-ok return stops Feed with that Status.
  using ObjectFn = std::function<Status(std::string_view object)>;

  //! The largest object accepted; a bigger one makes the dump Invalid rather
  //! than letting one broken or hostile element take unbounded memory.
  static constexpr size_t kMaxObjectBytes = 1 << 20;

  //! Scans `chunk`, calling `on_object` for each object completed in it.
  //! Invalid when the text is not an array of objects.
  Status Feed(std::string_view chunk, const ObjectFn& on_object);
  //! Invalid unless the array was closed (a truncated dump is an error).
  Status Finish() const;

  //! Objects completed so far.
  uint64_t Objects() const { return objects_; }
  //! The most bytes of a partial object ever carried from one chunk to the
  //! next: the scanner's whole memory besides the caller's chunk.
  size_t PeakBufferedBytes() const { return peak_buffered_; }

 private:
  enum class State { kStart, kExpectFirst, kExpectObject, kInObject, kAfterObject, kDone };

  Status Structural(char c);
  //! Advances through the current object from `from`; `done` when its
  //! closing brace was found, whose index is returned (else chunk.size()).
  size_t ScanObject(std::string_view chunk, size_t from, bool& done);
  Status Unexpected(char c, const char* expected) const;

  State state_ = State::kStart;
  std::string partial_;  //!< the current object's bytes from earlier chunks
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  uint64_t objects_ = 0;
  uint64_t offset_ = 0;  //!< bytes consumed, for error messages
  size_t peak_buffered_ = 0;
  size_t bom_matched_ = 0;
};

}  // namespace mltrend::pwc
