//===----------------------------------------------------------------------===//
// mltrendd — store/tests/record_codec_test.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/store/record_codec.hpp"
#include "store_test_util.hpp"

using mltrend::Change;
using mltrend::Record;
using mltrend::StatusCode;
using mltrendd::DecodeChange;
using mltrendd::DecodeRecord;
using mltrendd::EncodeChange;
using mltrendd::EncodeRecord;

TEST_CASE("record codec round-trips a fully populated record", "[codec]") {
  const Record original = store_test::FullRecord();
  std::string bytes = "stale content that EncodeRecord must replace";
  EncodeRecord(original, bytes);
  Record decoded;
  decoded.tags = {"left over from a previous decode"};
  decoded.metrics = {{"stale", 1}};
  const auto status = DecodeRecord(bytes, decoded);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(decoded == original);
  CHECK(decoded.id.size() == 8);  // the embedded NUL survived

  std::string again;
  EncodeRecord(decoded, again);
  CHECK(again == bytes);  // deterministic: the store compares encodings
}

TEST_CASE("record codec round-trips an empty record", "[codec]") {
  std::string bytes;
  EncodeRecord(Record{}, bytes);
  Record decoded = store_test::FullRecord();
  REQUIRE(DecodeRecord(bytes, decoded).ok());
  CHECK(decoded == Record{});
}

TEST_CASE("record decode rejects every truncation of a valid encoding", "[codec]") {
  std::string bytes;
  EncodeRecord(store_test::FullRecord(), bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    Record decoded;
    const auto status = DecodeRecord(std::string_view(bytes).substr(0, n), decoded);
    INFO("prefix of " << n << " bytes: " << status.message());
    CHECK(status.code() == StatusCode::kInvalidInput);
  }
}

TEST_CASE("record decode rejects trailing bytes and unknown versions", "[codec]") {
  std::string bytes;
  EncodeRecord(store_test::FullRecord(), bytes);
  Record decoded;

  const auto trailing = DecodeRecord(bytes + '\0', decoded);
  CHECK(trailing.code() == StatusCode::kInvalidInput);
  CHECK_THAT(trailing.message(), Catch::Contains("1 trailing bytes"));

  std::string wrong_version = bytes;
  wrong_version[0] = 3;  // versions 1 and 2 are read; 3 is from a future mltrendd
  const auto version = DecodeRecord(wrong_version, decoded);
  CHECK(version.code() == StatusCode::kInvalidInput);
  CHECK_THAT(version.message(), Catch::Contains("version 3"));

  CHECK_FALSE(DecodeRecord("", decoded).ok());
}

TEST_CASE("record decode rejects a huge count without allocating for it", "[codec]") {
  // version 1, four empty strings, then a tags count of 2^62.
  std::string bytes("\x01\x00\x00\x00\x00", 5);
  bytes += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x40", 9);
  Record decoded;
  const auto status = DecodeRecord(bytes, decoded);
  CHECK(status.code() == StatusCode::kInvalidInput);
  CHECK_THAT(status.message(), Catch::Contains("tags"));
}

TEST_CASE("change codec round-trips each combination of sides", "[codec]") {
  Record before = store_test::FullRecord();
  Record after = before;
  after.name = "renamed";
  after.metrics["downloads"] += 1;
  for (int mask = 0; mask < 4; ++mask) {
    Change change;
    change.seq = 77;  // not stored: the sequence is the key
    change.source = "huggingface";
    change.id = before.id;
    if (mask & 1) change.before = before;
    if (mask & 2) change.after = after;
    std::string bytes;
    EncodeChange(change, bytes);
    Change decoded;
    decoded.seq = 5;
    const auto status = DecodeChange(bytes, decoded);
    INFO("mask " << mask << ": " << status.message());
    REQUIRE(status.ok());
    CHECK(decoded.seq == 0);
    CHECK(decoded.source == change.source);
    CHECK(decoded.id == change.id);
    CHECK(decoded.before == change.before);
    CHECK(decoded.after == change.after);
  }
}

TEST_CASE("change decode rejects truncated, trailing and wrong-version bytes", "[codec]") {
  Change change;
  change.source = "github";
  change.id = "123";
  change.before = store_test::Simple("123", "old/name");
  change.after = store_test::Simple("123", "new/name");
  std::string bytes;
  EncodeChange(change, bytes);
  Change decoded;
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO("prefix of " << n << " bytes");
    CHECK(DecodeChange(std::string_view(bytes).substr(0, n), decoded).code() ==
          StatusCode::kInvalidInput);
  }
  CHECK_FALSE(DecodeChange(bytes + "x", decoded).ok());
  std::string wrong_version = bytes;
  wrong_version[0] = 9;
  CHECK_THAT(DecodeChange(wrong_version, decoded).message(), Catch::Contains("version 9"));
}

TEST_CASE("change decode rejects a damaged nested record and unknown flags", "[codec]") {
  Change change;
  change.source = "s";
  change.id = "i";
  change.after = store_test::Simple("i", "n");
  std::string bytes;
  EncodeChange(change, bytes);
  Change decoded;
  REQUIRE(DecodeChange(bytes, decoded).ok());

  // Layout: version, "s", "i", flags, then after's length and its version byte.
  const size_t flags_at = 1 + 2 + 2;
  std::string bad_flags = bytes;
  bad_flags[flags_at] = static_cast<char>(bad_flags[flags_at] | 4);
  CHECK_THAT(DecodeChange(bad_flags, decoded).message(), Catch::Contains("flags"));

  std::string bad_nested = bytes;
  bad_nested[flags_at + 2] = 7;
  const auto status = DecodeChange(bad_nested, decoded);
  CHECK(status.code() == StatusCode::kInvalidInput);
  CHECK_THAT(status.message(), Catch::Contains("after"));
}
