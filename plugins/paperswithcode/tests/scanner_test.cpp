// The streaming front end: ArrayScanner cutting a JSON array into objects
// whatever the chunk boundaries, DumpDecoder telling gzip from plain by its
// magic bytes, and DumpReader's memory staying flat over a generated dump
// of a million links.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pwc_array_scanner.hpp"
#include "pwc_dump_decoder.hpp"
#include "pwc_dump_reader.hpp"
#include "pwc_test_support.hpp"

using mltrend::Status;
using mltrend::pwc::ArrayScanner;
using mltrend::pwc::DumpDecoder;
using mltrend::pwc::DumpReader;

namespace {

// Strings holding braces, brackets, escaped quotes and backslashes, nested
// values, and whitespace in every allowed place.
const std::string kArray =
    " \n[ {\"a\": \"}{\", \"b\": [1, {\"c\": \"\\\"]\"}]},\n"
    "{\"t\": \"back\\\\\", \"u\": \"\\\\\\\"{\"} ,{}\n,{\"n\": null, \"x\": {\"y\": {\"z\": []}}} ]\n";
const std::vector<std::string> kObjects = {
    "{\"a\": \"}{\", \"b\": [1, {\"c\": \"\\\"]\"}]}",
    "{\"t\": \"back\\\\\", \"u\": \"\\\\\\\"{\"}",
    "{}",
    "{\"n\": null, \"x\": {\"y\": {\"z\": []}}}",
};

Status Scan(ArrayScanner& scanner, std::string_view text, std::vector<std::string>& out) {
  return scanner.Feed(text, [&](std::string_view o) {
    out.emplace_back(o);
    return Status::Ok();
  });
}

}  // namespace

TEST_CASE("the scanner yields the same objects for every split of the array into two or three chunks") {
  for (size_t cut = 0; cut <= kArray.size(); ++cut) {
    for (size_t cut2 = cut; cut2 <= kArray.size(); cut2 += 7) {
      INFO("cuts at " << cut << " and " << cut2);
      ArrayScanner scanner;
      std::vector<std::string> got;
      REQUIRE(Scan(scanner, std::string_view(kArray).substr(0, cut), got).ok());
      REQUIRE(Scan(scanner, std::string_view(kArray).substr(cut, cut2 - cut), got).ok());
      REQUIRE(Scan(scanner, std::string_view(kArray).substr(cut2), got).ok());
      REQUIRE(scanner.Finish().ok());
      CHECK(got == kObjects);
      CHECK(scanner.Objects() == kObjects.size());
    }
  }
}

TEST_CASE("the scanner fed one byte at a time yields the same objects") {
  ArrayScanner scanner;
  std::vector<std::string> got;
  for (char c : kArray) REQUIRE(Scan(scanner, std::string_view(&c, 1), got).ok());
  REQUIRE(scanner.Finish().ok());
  CHECK(got == kObjects);
  // Only the longest object was ever carried between chunks.
  CHECK(scanner.PeakBufferedBytes() == kObjects[0].size());
}

TEST_CASE("the scanner refuses what is not an array of objects and a truncated array") {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c : {Case{"{\"a\":1}", "not an array"}, Case{"[1, 2]", "scalar elements"},
                        Case{"[{} {}]", "missing comma"}, Case{"[{},]", "trailing comma"},
                        Case{"[{}] x", "text after the array"}, Case{"[,{}]", "leading comma"}}) {
    INFO(c.why);
    ArrayScanner scanner;
    std::vector<std::string> got;
    Status s = Scan(scanner, c.text, got);
    if (s.ok()) s = scanner.Finish();
    CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  }
  for (const char* truncated : {"", "[", "[{\"a\": \"}", "[{}, {\"a\": 1}"}) {
    INFO("truncated '" << truncated << "'");
    ArrayScanner scanner;
    std::vector<std::string> got;
    REQUIRE(Scan(scanner, truncated, got).ok());
    CHECK_FALSE(scanner.Finish().ok());
  }
  ArrayScanner empty;
  std::vector<std::string> none;
  REQUIRE(Scan(empty, "\xEF\xBB\xBF [ ]", none).ok());  // a BOM and an empty array are fine
  CHECK(empty.Finish().ok());
  CHECK(none.empty());
}

TEST_CASE("an object larger than the limit makes the dump invalid instead of growing the buffer") {
  ArrayScanner scanner;
  std::vector<std::string> got;
  const std::string big = "[{\"a\": \"" + std::string(ArrayScanner::kMaxObjectBytes, 'x');
  Status s = Status::Ok();
  for (size_t i = 0; i < big.size() && s.ok(); i += 4096) s = Scan(scanner, std::string_view(big).substr(i, 4096), got);
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(scanner.PeakBufferedBytes() <= ArrayScanner::kMaxObjectBytes);
}

TEST_CASE("the decoder inflates gzip by its magic bytes and passes plain JSON through, at any split") {
  const std::string gz = pwc_test::Gzip(kArray);
  // Two gzip members back to back are one stream (as `cat a.gz b.gz`).
  const std::string two = pwc_test::Gzip("[{\"a\": 1},") + pwc_test::Gzip("{\"b\": 2}]");
  struct Case {
    std::string raw, text;
    bool gzipped;
  };
  for (const Case& c : {Case{kArray, kArray, false}, Case{gz, kArray, true},
                        Case{two, "[{\"a\": 1},{\"b\": 2}]", true}}) {
    for (size_t cut = 0; cut <= c.raw.size(); ++cut) {
      INFO("gzip " << c.gzipped << ", cut at " << cut);
      DumpDecoder decoder;
      std::string text;
      auto out = [&](std::string_view piece) {
        text.append(piece);
        return Status::Ok();
      };
      REQUIRE(decoder.Feed(std::string_view(c.raw).substr(0, cut), out).ok());
      REQUIRE(decoder.Feed(std::string_view(c.raw).substr(cut), out).ok());
      REQUIRE(decoder.Finish(out).ok());
      CHECK(text == c.text);
      CHECK(decoder.Gzipped() == c.gzipped);
    }
  }
  DumpDecoder truncated;
  auto ignore = [](std::string_view) { return Status::Ok(); };
  REQUIRE(truncated.Feed(std::string_view(gz).substr(0, gz.size() / 2), ignore).ok());
  CHECK_FALSE(truncated.Finish(ignore).ok());
  DumpDecoder corrupt;
  std::string bad = gz;
  bad[12] = static_cast<char>(bad[12] ^ 0x55);
  bad[13] = static_cast<char>(bad[13] ^ 0x55);
  Status s = corrupt.Feed(bad, ignore);
  if (s.ok()) s = corrupt.Finish(ignore);
  CHECK_FALSE(s.ok());
}

TEST_CASE("the reader's memory stays flat over a generated dump of 1,000,000 links") {
  mltrend_test::TempDir dir;
  const auto dump = dir / "links-1m.json.gz";
  const std::string args = "'" + pwc_test::LinksCsv().string() + "' '" + dump.string() + "' --links 1000000";
  REQUIRE(pwc_test::RunTool("pwc_generate_dump.py", args, dir / "generate.out") == 0);

  uint64_t bytes = 0;
  size_t longest = 0;
  DumpReader reader([&](std::string_view object) {
    bytes += object.size();
    longest = std::max(longest, object.size());
    return Status::Ok();
  });
  mltrend::CancelToken cancel;
  REQUIRE(mltrend::pwc::ReadFileChunks(dump, cancel, [&](std::string_view raw) { return reader.Feed(raw); }).ok());
  REQUIRE(reader.Finish().ok());
  CHECK(reader.Objects() == 1000000);
  CHECK(reader.Gzipped());
  // Hundreds of megabytes of JSON passed through...
  CHECK(bytes > 300u * 1000 * 1000);
  // ...while the reader held one decoder window plus at most one object.
  CHECK(reader.PeakBufferedBytes() <= DumpDecoder::kWindowBytes + longest);
  CHECK(reader.PeakBufferedBytes() < 128 * 1024);
}
