// Parser tests on the real 50-model /api/models response
// (tests/fixtures/huggingface/api_models_trending_50_2024-12.json). Edge
// cases are made by editing that file's text, so each case differs from a
// real page in exactly one place.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "hf_page_parser.hpp"
#include "mltrend_test/test_support.hpp"

using mltrend::hf::ParsedPage;
using mltrend::hf::ParseModelsPage;

namespace {

std::string Trending50() {
  return mltrend_test::ReadFile(mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json"));
}

//! `text` with the first occurrence of `from` replaced; fails the test when absent.
std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

const mltrend::Record* FindById(const ParsedPage& page, const std::string& id) {
  for (const auto& r : page.records)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("the real 50-model page parses into 50 records with the file's values") {
  ParsedPage page;
  mltrend::Status s = ParseModelsPage(Trending50(), page);
  REQUIRE(s.ok());
  CHECK(page.rejections.empty());
  REQUIRE(page.records.size() == 50);

  const mltrend::Record& first = page.records.front();
  CHECK(first.id == "67473fdfe77182ac96417565");
  CHECK(first.name == "Qwen/QwQ-32B-Preview");
  CHECK(first.date == "2024-11-27T15:50:55.000Z");
  CHECK(first.period_override.empty());
  CHECK(first.library_names == std::vector<std::string>{"transformers"});
  CHECK(first.attrs.at("library_name") == "transformers");
  CHECK(first.attrs.at("pipeline_tag") == "text-generation");
  CHECK(first.attrs.at("createdAt") == "2024-11-27T15:50:55.000Z");
  CHECK(first.attrs.count("lastModified") == 0);  // not in this recording
  CHECK(first.metrics.at("downloads") == 26706);
  CHECK(first.metrics.at("likes") == 900);
  REQUIRE(first.tags.size() == 15);
  CHECK(first.tags.front() == "transformers");
  CHECK(first.tags.back() == "region:us");

  // Index 23: neither library_name nor pipeline_tag in the file.
  const mltrend::Record* showui = FindById(page, "6738310a5bfecf1be6e6cad0");
  REQUIRE(showui != nullptr);
  CHECK(showui->name == "showlab/ShowUI-2B");
  CHECK(showui->library_names.empty());
  CHECK(showui->attrs.count("library_name") == 0);
  CHECK(showui->attrs.count("pipeline_tag") == 0);
  CHECK(showui->metrics.at("downloads") == 2218);
  CHECK(showui->metrics.at("likes") == 52);

  const mltrend::Record& last = page.records.back();
  CHECK(last.id == "6709e0d9bb2498474f4e8ee2");
  CHECK(last.name == "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF");
  CHECK(last.metrics.at("downloads") == 178754);

  // Whole-file figures, computed with Python's json module over the same
  // file: 11 objects lack library_name, 4 lack pipeline_tag, downloads sum to
  // 17,597,638 and likes to 31,699.
  auto without_library = std::count_if(page.records.begin(), page.records.end(),
                                       [](const mltrend::Record& r) { return r.library_names.empty(); });
  auto without_pipeline = std::count_if(page.records.begin(), page.records.end(),
                                        [](const mltrend::Record& r) { return r.attrs.count("pipeline_tag") == 0; });
  CHECK(without_library == 11);
  CHECK(without_pipeline == 4);
  int64_t downloads = 0, likes = 0;
  for (const auto& r : page.records) {
    downloads += r.metrics.at("downloads");
    likes += r.metrics.at("likes");
  }
  CHECK(downloads == 17597638);
  CHECK(likes == 31699);
}

TEST_CASE("a createdAt at the Hub's floor gets the pre-2022-03 cohort period") {
  std::string body = ReplaceOnce(Trending50(), "\"2024-11-27T15:50:55.000Z\"", "\"2022-03-02T23:29:04.000Z\"");
  ParsedPage page;
  REQUIRE(ParseModelsPage(body, page).ok());
  REQUIRE(page.records.size() == 50);
  CHECK(page.records[0].period_override == "pre-2022-03");
  CHECK(page.records[0].date == "2022-03-02T23:29:04.000Z");
  CHECK(page.records[0].attrs.at("createdAt") == "2022-03-02T23:29:04.000Z");
  // One second later is a real date, in March 2022.
  body = ReplaceOnce(Trending50(), "\"2024-11-27T15:50:55.000Z\"", "\"2022-03-02T23:29:05.000Z\"");
  REQUIRE(ParseModelsPage(body, page).ok());
  CHECK(page.records[0].period_override.empty());
  // The other 49 records keep their own dates.
  CHECK(page.records[1].period_override.empty());
}

TEST_CASE("a comma list in library_name splits into trimmed names and keeps the raw value") {
  std::string body =
      ReplaceOnce(Trending50(), "\"library_name\": \"transformers\"", "\"library_name\": \" transformers,  peft ,,\"");
  ParsedPage page;
  REQUIRE(ParseModelsPage(body, page).ok());
  CHECK(page.records[0].library_names == std::vector<std::string>{"transformers", "peft"});
  CHECK(page.records[0].attrs.at("library_name") == " transformers,  peft ,,");
  CHECK(mltrend::hf::SplitLibraryNames("") == std::vector<std::string>{});
  CHECK(mltrend::hf::SplitLibraryNames("PyTorch") == std::vector<std::string>{"PyTorch"});
}

TEST_CASE("a model that fails validation is counted and skipped, the rest of the page is kept") {
  struct Case {
    const char* what;
    std::string from, to, reason_part, id;
  };
  const Case cases[] = {
      {"downloads as a string", "\"downloads\": 26706", "\"downloads\": \"26706\"", "'downloads' is a string",
       "67473fdfe77182ac96417565"},
      {"downloads not an integer", "\"downloads\": 26706", "\"downloads\": 26706.5", "not an integer",
       "67473fdfe77182ac96417565"},
      {"negative likes", "\"likes\": 900", "\"likes\": -900", "negative", "67473fdfe77182ac96417565"},
      {"a tag that is a number", "\"transformers\",", "7,",
       "'tags' holds a number", "67473fdfe77182ac96417565"},
      {"tags as a string", "\"tags\": [", "\"tags\": \"x\", \"tags_was\": [", "'tags' is a string",
       "67473fdfe77182ac96417565"},
      {"no _id", "\"_id\": \"67473fdfe77182ac96417565\",", "", "'_id' is missing", "Qwen/QwQ-32B-Preview"},
      {"_id a number", "\"_id\": \"67473fdfe77182ac96417565\"", "\"_id\": 67473", "'_id' is a number",
       "Qwen/QwQ-32B-Preview"},
      {"createdAt not a timestamp", "\"2024-11-27T15:50:55.000Z\"", "\"yesterday\"", "'createdAt' is not",
       "67473fdfe77182ac96417565"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      ParsedPage page;
      mltrend::Status s = ParseModelsPage(ReplaceOnce(Trending50(), c.from, c.to), page);
      REQUIRE(s.ok());
      CHECK(page.records.size() == 49);
      REQUIRE(page.rejections.size() == 1);
      CHECK(page.rejections[0].index == 0);
      CHECK(page.rejections[0].id == c.id);
      CHECK_THAT(page.rejections[0].reason, Catch::Contains(c.reason_part));
      CHECK(FindById(page, "67473fdfe77182ac96417565") == nullptr);
      CHECK(page.records[0].name == "Djrango/Qwen2vl-Flux");
    }
  }
}

TEST_CASE("a model that is not an object is rejected, unknown fields and nulls are tolerated") {
  std::string body = ReplaceOnce(Trending50(), "[", "[\"not a model\", ");
  body = ReplaceOnce(body, "\"trendingScore\": 900,", "\"trendingScore\": 900, \"extra\": {\"a\": [1, 2.5, null, true]},");
  body = ReplaceOnce(body, "\"pipeline_tag\": \"text-generation\"", "\"pipeline_tag\": null");
  ParsedPage page;
  REQUIRE(ParseModelsPage(body, page).ok());
  CHECK(page.records.size() == 50);
  REQUIRE(page.rejections.size() == 1);
  CHECK(page.rejections[0].index == 0);
  CHECK_THAT(page.rejections[0].reason, Catch::Contains("is a string, expected an object"));
  CHECK(page.records[0].attrs.count("pipeline_tag") == 0);
}

TEST_CASE("a page that is not a JSON array, or not valid JSON, is refused whole") {
  const std::string real = Trending50();
  struct Case {
    const char* what;
    std::string body;
    const char* message_part;
  };
  const Case cases[] = {
      {"an error object", R"({"error":"Invalid cursor"})", "page is a JSON object, expected an array"},
      {"an HTML error page", "<html><body>502 Bad Gateway</body></html>", "not valid JSON"},
      {"an empty body", "", "not valid JSON"},
      {"truncated in the middle", real.substr(0, real.size() / 2), "not valid JSON"},
      {"truncated before the closing bracket", real.substr(0, real.rfind(']')), "not valid JSON"},
      {"a bad literal in an unknown field", ReplaceOnce(real, "\"private\": false", "\"private\": fals"),
       "not valid JSON"},
      {"a broken number in an unknown field", ReplaceOnce(real, "\"trendingScore\": 900", "\"trendingScore\": 9.e"),
       "not valid JSON"},
      {"a second value after the array", real + " []", "content after its JSON array"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      ParsedPage page;
      mltrend::Status s = ParseModelsPage(c.body, page);
      CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
      CHECK_THAT(s.message(), Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("an empty array is a valid, empty page") {
  ParsedPage page;
  REQUIRE(ParseModelsPage("[]", page).ok());
  CHECK(page.records.empty());
  CHECK(page.rejections.empty());
}
