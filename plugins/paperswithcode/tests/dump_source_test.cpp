// Dump mode against a real store: the real 2,297-link subset converted to
// the dump's shape (gzip and plain), rejected links, resuming mid-dump, and
// re-ingesting only a changed dump, by path and by URL (replay server).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "pwc_dump_ingest.hpp"
#include "pwc_test_support.hpp"

using pwc_test::Config;
using pwc_test::Harness;

namespace {

//! The raw `framework` values of every stored link, counted.
std::map<std::string, int> Frameworks(Harness& h) {
  std::map<std::string, int> counts;
  for (const auto& r : h.Records()) counts[r.attrs.count("framework") ? r.attrs.at("framework") : "(absent)"] += 1;
  return counts;
}

// The CSV's own figures (data/paperswithcode in ../shared's SOURCES.md,
// recounted by tests/tools/pwc_count.py's frameworks_all).
const std::map<std::string, int> kCsvFrameworks = {{"pytorch", 961}, {"none", 909}, {"tf", 304},
                                                   {"jax", 39},      {"mindspore", 34}, {"paddle", 32},
                                                   {"mxnet", 8},     {"caffe2", 6},  {"torch", 4}};

std::string Link(const std::string& slug, const std::string& official, const std::string& arxiv = "null") {
  return R"({"paper_url": "https://paperswithcode.com/paper/)" + slug + R"(", "paper_title": "T )" + slug +
         R"(", "paper_arxiv_id": )" + arxiv + R"(, "repo_url": "https://github.com/o/)" + slug +
         R"(", "is_official": )" + official + R"(, "framework": "pytorch"})";
}

}  // namespace

TEST_CASE("the converted real CSV is ingested whole, gzip and plain: store and framework counts equal the CSV's") {
  for (bool gzip : {true, false}) {
    INFO("gzip " << gzip);
    Harness h;
    const auto dump = h.Dir() / (gzip ? "links.json.gz" : "links.json");
    pwc_test::ConvertCsv(dump, gzip);
    REQUIRE(h.Run(Config({{"links", dump.string()}})).ok());
    CHECK(h.Count() == 2297);
    CHECK(Frameworks(h) == kCsvFrameworks);
    CHECK(h.Counters().pages == 3);  // 1000 + 1000 + 297
    CHECK(h.Counters().rejected == 0);
    int official = 0, undated = 0;
    for (const auto& r : h.Records()) {
      official += r.attrs.at("is_official") == "true";
      undated += r.date.empty();
    }
    CHECK(official == 1421);
    CHECK(undated == 133);  // the links without an arXiv id
    auto old_style = h.Get("improved-simulation-of-stabilizer-circuits https://github.com/quantumlib/stim");
    REQUIRE(old_style);
    CHECK(old_style->date == "2004-06");  // quant-ph/0406196
    auto first = h.Get(
        "efficient-leave-one-out-cross-validation-for https://github.com/paul-buerkner/psis-non-factorized-paper");
    REQUIRE(first);
    CHECK(first->date == "2018-10");
    CHECK(first->declared == std::vector<std::string>{"none"});
    CHECK(h.Checkpoint().empty());
    CHECK(h.State(mltrend::pwc::kStateFingerprint).has_value());
    CHECK(h.Log().AnyLineContains(gzip ? "2297 links, 2297 stored this run (gzip)" : "2297 links, 2297 stored this run"));
  }
}

TEST_CASE("a link with a wrongly typed field is rejected, counted and logged while the rest of its page commits") {
  Harness h;
  const auto dump = h.Dir() / "links.json";
  mltrend_test::WriteFile(dump, "[" + Link("a", "true") + "," + Link("b", "false") + "," + Link("c", "\"true\"") + "," +
                                    Link("d", "true", "\"hep-th/9901001\"") + "," + Link("e", "true") + "]");
  REQUIRE(h.Run(Config({{"links", dump.string()}})).ok());
  CHECK(h.Count() == 4);
  CHECK(h.Counters().rejected == 1);
  CHECK(h.Counters().pages == 1);
  CHECK_FALSE(h.Get("c https://github.com/o/c"));
  CHECK(h.Log().AnyLineContains("rejected link #3 (c https://github.com/o/c): 'is_official' is a string"));
  auto d = h.Get("d https://github.com/o/d");
  REQUIRE(d);
  CHECK(d->date == "1999-01");
}

TEST_CASE("a run stopped mid-dump resumes after the committed links, and the dump is then complete") {
  Harness h;
  const auto dump = h.Dir() / "links.json.gz";
  pwc_test::ConvertCsv(dump, true);
  const auto config = Config({{"links", dump.string()}, {"page_size", "100"}});
  CHECK(h.Run(config, 5).code() == mltrend::StatusCode::kCancelled);
  CHECK(h.Count() == 500);
  mltrend::pwc::DumpPosition position;
  REQUIRE(mltrend::pwc::DecodeDumpPosition(h.Checkpoint(), position));
  CHECK(position.links == 500);

  REQUIRE(h.Run(config).ok());
  CHECK(h.Log().AnyLineContains("resuming the links dump after link 500"));
  CHECK(h.Counters().inserted == 1797);  // nothing of the first 500 again
  CHECK(h.Count() == 2297);
  CHECK(h.Checkpoint().empty());
}

TEST_CASE("an unchanged dump at a path is not re-ingested, a changed one is, and a stale checkpoint starts over") {
  Harness h;
  const auto dump = h.Dir() / "links.json";
  std::string text = "[" + Link("a", "true") + "," + Link("b", "true") + "," + Link("c", "true") + "]";
  mltrend_test::WriteFile(dump, text);
  const auto config = Config({{"links", dump.string()}, {"page_size", "1"}});
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 3);

  REQUIRE(h.Run(config).ok());
  CHECK(h.Counters().pages == 0);
  CHECK(h.Log().AnyLineContains("links dump unchanged"));

  // A new dump (one more link): ingested again.
  text.insert(text.size() - 1, "," + Link("d", "true"));
  mltrend_test::WriteFile(dump, text);
  REQUIRE(h.Run(config).ok());
  CHECK(h.Counters().pages == 4);
  CHECK(h.Count() == 4);

  // Stopped after 2 links, then the file changes: the checkpoint belongs to
  // the old dump, so the next run reads the new one from its first link.
  text.insert(text.size() - 1, "," + Link("e", "true"));
  mltrend_test::WriteFile(dump, text);
  CHECK(h.Run(config, 2).code() == mltrend::StatusCode::kCancelled);
  text.insert(text.size() - 1, "," + Link("f", "true"));
  mltrend_test::WriteFile(dump, text);
  REQUIRE(h.Run(config).ok());
  CHECK(h.Log().AnyLineContains("changed since the checkpoint was written; starting over"));
  CHECK(h.Counters().pages == 6);
  CHECK(h.Count() == 6);
}

TEST_CASE("the papers dump dates links by paper, else the arXiv id does") {
  Harness h;
  const auto links = h.Dir() / "links.json";
  const auto papers = h.Dir() / "papers.json.gz";
  mltrend_test::WriteFile(links, "[" + Link("a", "true", "\"1810.10559\"") + "," + Link("b", "true", "\"1901.00001\"") +
                                     "," + Link("c", "true") + "]");
  mltrend_test::WriteFile(
      papers, pwc_test::Gzip(R"([{"paper_url": "https://paperswithcode.com/paper/a", "arxiv_id": "1810.10559",
                                  "abstract": "x", "authors": ["p"], "date": "2018-11-02"},
                                 {"paper_url": "https://paperswithcode.com/paper/c", "date": "2020-05-01"},
                                 {"paper_url": "https://paperswithcode.com/paper/zz", "date": 17}])"));
  REQUIRE(h.Run(Config({{"links", links.string()}, {"papers", papers.string()}})).ok());
  CHECK(h.Get("a https://github.com/o/a")->date == "2018-11-02");
  CHECK(h.Get("b https://github.com/o/b")->date == "2019-01");  // not in the papers dump: arXiv month
  CHECK(h.Get("c https://github.com/o/c")->date == "2020-05-01");
  CHECK(h.Log().AnyLineContains("papers dump: skipping paper #3"));
}

TEST_CASE("a dump URL is streamed, and re-read only when its ETag changed (304 otherwise)") {
  Harness h;
  const auto dump = h.Dir() / "links.json.gz";
  pwc_test::ConvertCsv(dump, true);
  const std::string body = mltrend_test::ReadFile(dump);
  mltrend_test::Exchange head;
  head.method = "HEAD";
  head.target = "/files/links.json.gz";
  head.headers = {{"ETag", "\"v1\""}, {"Content-Type", "application/gzip"}};
  h.Server().Add(head);
  mltrend_test::Exchange get;
  get.target = "/files/links.json.gz";
  get.headers = {{"ETag", "\"v1\""}, {"Last-Modified", "Mon, 28 Jul 2025 10:00:00 GMT"},
                 {"Content-Type", "application/gzip"}};
  get.body = body;
  h.Server().Add(get);
  mltrend_test::Exchange not_modified;
  not_modified.target = "/files/links.json.gz";
  not_modified.status = 304;
  not_modified.when_header = std::make_pair(std::string("If-None-Match"), std::string("\"v1\""));
  h.Server().Add(not_modified);
  h.Server().Start();
  const auto config = Config({{"links", h.Server().BaseUrl() + "/files/links.json.gz"}});

  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 2297);
  CHECK(Frameworks(h) == kCsvFrameworks);
  CHECK(h.State(mltrend::pwc::kStateEtag) == std::optional<std::string>("\"v1\""));

  REQUIRE(h.Run(config).ok());
  CHECK(h.Counters().pages == 0);
  CHECK(h.Log().AnyLineContains("304 Not Modified"));
  const auto requests = h.Server().Requests();
  REQUIRE(requests.size() == 4);  // HEAD, GET, HEAD, conditional GET
  CHECK(requests[1].Header("If-None-Match").empty());
  CHECK(requests[3].Header("If-None-Match") == "\"v1\"");
  CHECK(requests[3].Header("If-Modified-Since") == "Mon, 28 Jul 2025 10:00:00 GMT");
}

TEST_CASE("a dump URL stopped mid-way resumes when HEAD still names the same file") {
  Harness h;
  const auto dump = h.Dir() / "links.json.gz";
  pwc_test::ConvertCsv(dump, true);
  mltrend_test::Exchange head;
  head.method = "HEAD";
  head.target = "/links.json.gz";
  head.headers = {{"ETag", "\"v7\""}};
  h.Server().Add(head);
  mltrend_test::Exchange get;
  get.target = "/links.json.gz";
  get.headers = {{"ETag", "\"v7\""}};
  get.body = mltrend_test::ReadFile(dump);
  h.Server().Add(get);
  h.Server().Start();
  const auto config = Config({{"links", h.Server().BaseUrl() + "/links.json.gz"}, {"page_size", "200"}});

  CHECK(h.Run(config, 3).code() == mltrend::StatusCode::kCancelled);
  CHECK(h.Count() == 600);
  CHECK(h.Checkpoint() == "600\tetag=\"v7\"");
  REQUIRE(h.Run(config).ok());
  CHECK(h.Log().AnyLineContains("resuming the links dump after link 600"));
  CHECK(h.Counters().inserted == 1697);
  CHECK(h.Count() == 2297);
}
