// The safetensors header parser on two real file prefixes
// (tests/fixtures/huggingface/safetensors_headers, see SOURCES.md) and on
// hostile inputs.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "hf_safetensors_header.hpp"
#include "mltrend_test/test_support.hpp"

using mltrend::StatusCode;
using namespace mltrend::hf;

namespace {

constexpr uint64_t kLimit = 8 << 20;

std::string Header(const std::string& name) {
  return mltrend_test::ReadFile(mltrend_test::FixturePath("huggingface/safetensors_headers/" + name));
}

//! The 8-byte little-endian length of `n`.
std::string Length(uint64_t n) {
  std::string out;
  for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
  return out;
}

std::string File(const std::string& json) { return Length(json.size()) + json; }

}  // namespace

TEST_CASE("the PEFT adapter's header says format pt") {
  const std::string prefix = Header("peft-lora-distilbert_adapter_model.safetensors.head");
  REQUIRE(prefix.size() == 3848);
  uint64_t length = 0;
  REQUIRE(ParseSafetensorsLength(prefix, kLimit, length).ok());
  CHECK(length == 3840);
  std::optional<std::string> format;
  mltrend::Status s = ParseSafetensorsPrefix(prefix, kLimit, format);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(format == std::optional<std::string>("pt"));
}

TEST_CASE("the MLX adapter's null metadata reads as no format, tensors out of order and all") {
  const std::string prefix = Header("mlx-lm-lora_adapters.safetensors.head");
  REQUIRE(prefix.size() == 1692);
  std::optional<std::string> format = "stale";
  mltrend::Status s = ParseSafetensorsPrefix(prefix, kLimit, format);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(!format);
}

TEST_CASE("formats, absent metadata, padding and other metadata keys") {
  std::optional<std::string> format;
  REQUIRE(ParseSafetensorsFormat(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", format).ok());
  CHECK(!format);
  REQUIRE(ParseSafetensorsFormat(R"({"__metadata__":{"total_size":"4"}})", format).ok());
  CHECK(!format);
  REQUIRE(ParseSafetensorsFormat(R"({"__metadata__":{"format":null}})", format).ok());
  CHECK(!format);
  // safetensors pads its header with spaces to an 8-byte boundary.
  REQUIRE(ParseSafetensorsPrefix(File(R"({"__metadata__":{"a":"b","format":"mlx"}}      )"), kLimit, format).ok());
  CHECK(format == std::optional<std::string>("mlx"));
  REQUIRE(ParseSafetensorsFormat(R"({"x":{},"__metadata__":{"format":"t\u0066"}})", format).ok());
  CHECK(format == std::optional<std::string>("tf"));
}

TEST_CASE("hostile headers are refused, each with what was wrong") {
  std::optional<std::string> format;
  uint64_t length = 0;

  mltrend::Status s = ParseSafetensorsLength(std::string("\x10\0\0", 3), kLimit, length);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK_THAT(s.message(), Catch::Contains("got 3 bytes"));

  s = ParseSafetensorsLength(Length(0), kLimit, length);
  CHECK_THAT(s.message(), Catch::Contains("length is 0"));

  s = ParseSafetensorsLength(Length(kLimit + 1), kLimit, length);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK_THAT(s.message(), Catch::Contains("8388609 is over the limit of 8388608"));
  s = ParseSafetensorsLength(std::string(8, '\xFF'), kLimit, length);
  CHECK_THAT(s.message(), Catch::Contains("18446744073709551615 is over the limit"));

  const std::string real = Header("peft-lora-distilbert_adapter_model.safetensors.head");
  s = ParseSafetensorsPrefix(real.substr(0, 2000), kLimit, format);
  CHECK_THAT(s.message(), Catch::Contains("truncated: 1992 of 3840 bytes"));
  CHECK(!format);

  s = ParseSafetensorsPrefix(File(R"({"__metadata__":{"format":"pt"},"w":{"dtype")"), kLimit, format);
  CHECK_THAT(s.message(), Catch::Contains("not valid JSON"));
  CHECK(!format);

  s = ParseSafetensorsFormat(R"(["__metadata__"])", format);
  CHECK_THAT(s.message(), Catch::Contains("is a JSON array, expected an object"));
  s = ParseSafetensorsFormat(R"("pt")", format);
  CHECK_THAT(s.message(), Catch::Contains("is a JSON string, expected an object"));
  s = ParseSafetensorsFormat(R"({"__metadata__":{"format":1}})", format);
  CHECK_THAT(s.message(), Catch::Contains("'__metadata__.format' is a number, expected a string"));
  CHECK(!format);
  s = ParseSafetensorsFormat(R"({"__metadata__":{"format":["pt"]}})", format);
  CHECK_THAT(s.message(), Catch::Contains("'__metadata__.format' is a array"));
  s = ParseSafetensorsFormat(R"({"__metadata__":"pt"})", format);
  CHECK_THAT(s.message(), Catch::Contains("'__metadata__' is a string, expected an object or null"));
  s = ParseSafetensorsFormat(R"({"__metadata__":{"format":"pt"}} {})", format);
  CHECK_THAT(s.message(), Catch::Contains("content after its JSON object"));
  CHECK(!format);
  s = ParseSafetensorsFormat("", format);
  CHECK(s.code() == StatusCode::kInvalidInput);
  s = ParseSafetensorsFormat(R"({"__metadata__":{"format":"pt"},"w":tru})", format);
  CHECK_THAT(s.message(), Catch::Contains("not valid JSON"));
  CHECK(!format);
}
