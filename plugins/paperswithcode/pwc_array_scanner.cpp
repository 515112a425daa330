#include "pwc_array_scanner.hpp"

#include <algorithm>

namespace mltrend::pwc {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Printable(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  const auto u = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 0xf];
}

}  // namespace

Status ArrayScanner::Unexpected(char c, const char* expected) const {
  return Status::Invalid("not a JSON array of objects: " + Printable(c) + " at byte " + std::to_string(offset_) +
                         " where " + expected + " was expected (after " + std::to_string(objects_) + " objects)");
}

//! One byte outside any object.
Status ArrayScanner::Structural(char c) {
  if (IsSpace(c)) return Status::Ok();
  switch (state_) {
    case State::kStart:
      if (c == '[') {
        state_ = State::kExpectFirst;
        return Status::Ok();
      }
      return Unexpected(c, "'['");
    case State::kExpectFirst:
      if (c == ']') {
        state_ = State::kDone;
        return Status::Ok();
      }
      [[fallthrough]];
    case State::kExpectObject:
      if (c == '{') {
        state_ = State::kInObject;
        depth_ = 1;
        return Status::Ok();
      }
      return Unexpected(c, "an object");
    case State::kAfterObject:
      if (c == ',') {
        state_ = State::kExpectObject;
        return Status::Ok();
      }
      if (c == ']') {
        state_ = State::kDone;
        return Status::Ok();
      }
      return Unexpected(c, "',' or ']'");
    case State::kDone:
      return Unexpected(c, "nothing more");
    case State::kInObject:
      break;
  }
  return Status::Internal("array scanner: structural byte inside an object");
}

size_t ArrayScanner::ScanObject(std::string_view chunk, size_t from, bool& done) {
  for (size_t j = from; j < chunk.size(); ++j) {
    const char c = chunk[j];
    if (in_string_) {
      if (escaped_) escaped_ = false;
      else if (c == '\\') escaped_ = true;
      else if (c == '"') in_string_ = false;
    } else if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if (c == '}' || c == ']') {
      if (--depth_ == 0) {
        done = true;
        return j;
      }
    }
  }
  done = false;
  return chunk.size();
}

Status ArrayScanner::Feed(std::string_view chunk, const ObjectFn& on_object) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  size_t i = 0;
  // A UTF-8 byte-order mark before the array is tolerated (it may be split).
  while (state_ == State::kStart && bom_matched_ < kBom.size() && offset_ == bom_matched_ && i < chunk.size() &&
         chunk[i] == kBom[bom_matched_]) {
    ++bom_matched_;
    ++i;
    ++offset_;
  }
  while (i < chunk.size()) {
    if (state_ != State::kInObject) {
      if (Status s = Structural(chunk[i]); !s.ok()) return s;
      ++offset_;
      ++i;
      if (state_ != State::kInObject) continue;
      // The object starts at the '{' just consumed.
      partial_.clear();
      const size_t start = i - 1;
      bool done = false;
      const size_t j = ScanObject(chunk, i, done);
      if (done) {
        // Whole object inside this chunk: hand it over without copying.
        offset_ += j + 1 - i;
        i = j + 1;
        state_ = State::kAfterObject;
        ++objects_;
        if (i - start > kMaxObjectBytes)
          return Status::Invalid("object " + std::to_string(objects_) + " is larger than the " +
                                 std::to_string(kMaxObjectBytes) + "-byte limit");
        if (Status s = on_object(chunk.substr(start, i - start)); !s.ok()) return s;
        continue;
      }
      if (chunk.size() - start > kMaxObjectBytes)
        return Status::Invalid("object " + std::to_string(objects_ + 1) + " is larger than the " +
                               std::to_string(kMaxObjectBytes) + "-byte limit");
      partial_.assign(chunk.substr(start));
      offset_ += chunk.size() - i;
      i = chunk.size();
    } else {
      // Continuing an object begun in an earlier chunk.
      bool done = false;
      const size_t j = ScanObject(chunk, i, done);
      const size_t end = done ? j + 1 : chunk.size();
      if (partial_.size() + (end - i) > kMaxObjectBytes)
        return Status::Invalid("object " + std::to_string(objects_ + 1) + " is larger than the " +
                               std::to_string(kMaxObjectBytes) + "-byte limit");
      partial_.append(chunk.substr(i, end - i));
      offset_ += end - i;
      i = end;
      if (done) {
        state_ = State::kAfterObject;
        ++objects_;
        peak_buffered_ = std::max(peak_buffered_, partial_.size());
        Status s = on_object(partial_);
        partial_.clear();
        if (!s.ok()) return s;
        continue;
      }
    }
    peak_buffered_ = std::max(peak_buffered_, partial_.size());
  }
  return Status::Ok();
}

Status ArrayScanner::Finish() const {
  if (state_ == State::kDone) return Status::Ok();
  if (state_ == State::kStart) return Status::Invalid("empty input: no JSON array");
  return Status::Invalid("the JSON array ends early (truncated dump?) after " + std::to_string(objects_) +
                         " objects, at byte " + std::to_string(offset_));
}

}  // namespace mltrend::pwc
