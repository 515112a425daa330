// The relaunched site's API (paperswithcode.co/api/v1) against the replay
// server: a newest-first walk that stops at the newest stored paper, the
// dump and the API sharing one record per link, a full walk resumed after
// a stop, and request_budget. No answer of the relaunched site was recorded:
// the bodies below follow the shape huggingface/pwc-cli's own tests use
// (`{count, results}`, papers with a numeric `id`, `arxiv_id`, `published`
// and, with include_resources, `repositories` of `{url, is_official}`); see
// plugins/paperswithcode/README.md for what is confirmed and what assumed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pwc_api_walk.hpp"
#include "pwc_test_support.hpp"

using pwc_test::Config;
using pwc_test::Harness;
using pwc_test::Serve;

namespace {

//! The target of incremental page `page` with api_page_size = 2.
std::string Newest(int page) {
  return "/api/v1/papers/?order_by=date_published&order_dir=desc&include_resources=true&page_size=2&page=" +
         std::to_string(page);
}

//! The target of full-walk page `page` with api_page_size `size`.
std::string Oldest(int page, int size = 100) {
  return "/api/v1/papers/?order_by=date_published&order_dir=asc&include_resources=true&page_size=" +
         std::to_string(size) + "&page=" + std::to_string(page);
}

//! One repository of a paper's inline `repositories`; `framework` is the
//! field's JSON text, or "" for no field.
std::string Repo(const std::string& url, bool official, const std::string& framework = "") {
  return R"({"url": ")" + url + R"(", "is_official": )" + (official ? "true" : "false") +
         (framework.empty() ? "" : R"(, "framework": )" + framework) + "}";
}

std::string Paper(const std::string& id, const std::string& arxiv, const std::string& published,
                  const std::vector<std::string>& repos) {
  std::string list;
  for (const std::string& r : repos) list += (list.empty() ? "" : ", ") + r;
  return R"({"id": ")" + id + R"(", "arxiv_id": ")" + arxiv + R"(", "title": "Paper )" + id +
         R"(", "published": ")" + published + R"(", "citation_count": 0, "repositories": [)" + list + "]}";
}

std::string Answer(int count, const std::vector<std::string>& papers) {
  std::string list;
  for (const std::string& p : papers) list += (list.empty() ? "" : ", ") + p;
  return R"({"count": )" + std::to_string(count) + R"(, "results": [)" + list + "]}";
}

//! The stored record `id`; REQUIREs that there is one.
mltrend::Record At(Harness& h, const std::string& id) {
  auto record = h.Find(id);
  INFO(id);
  REQUIRE(record);
  return *record;
}

std::string DumpLink(const std::string& slug, const std::string& arxiv) {
  return R"({"paper_url": "https://paperswithcode.com/paper/)" + slug + R"(", "paper_title": "T )" + slug +
         R"(", "paper_arxiv_id": )" + arxiv + R"(, "repo_url": "https://github.com/o/)" + slug +
         R"(", "is_official": true, "framework": "pytorch"})";
}

}  // namespace

TEST_CASE("an incremental walk reads newest first and stops at the newest paper already stored") {
  Harness h;
  // Run 1: five papers on three pages. Run 2: two newer papers push them down.
  const std::string p5 = Paper("5", "2509.00005", "2025-09-10",
                               {Repo("https://github.com/p5/official", true, R"("pytorch")"),
                                Repo("https://github.com/p5/port", false, R"({"name": "MindSpore Lite", "slug": "ms-lite"})")});
  const std::string p4 = Paper("4", "2509.00004", "2025-09-01", {Repo("https://github.com/p4/x", true, R"("tinygrad-nightly")")});
  const std::string p3 = Paper("3", "2508.00003", "2025-08-20", {Repo("https://github.com/p3/x", true)});
  const std::string p2 = Paper("2", "2508.00002", "2025-08-10", {Repo("https://github.com/p2/x", false, "7")});
  const std::string p1 = Paper("1", "2508.00001", "2025-08-01", {Repo("https://github.com/p1/x", true, "null")});
  const std::string p7 = Paper("7", "2510.00007", "2025-10-02", {Repo("https://github.com/p7/x", true, R"("jax")")});
  const std::string p6 = Paper("6", "2509.00006", "2025-09-20", {Repo("https://github.com/p6/x", true, R"("none")")});
  Serve(h.Server(), Newest(1), Answer(5, {p5, p4}));
  Serve(h.Server(), Newest(1), Answer(7, {p7, p6}));
  Serve(h.Server(), Newest(2), Answer(5, {p3, p2}));
  Serve(h.Server(), Newest(2), Answer(7, {p5, p4}));
  Serve(h.Server(), Newest(3), Answer(5, {p1}));
  h.Server().Start();
  const auto config = Config({{"api_base_url", h.Server().BaseUrl() + "/api/v1"}, {"api_page_size", "2"}});

  REQUIRE(h.Run(config).ok());  // nothing stored: the whole list, ended by `count`
  CHECK(h.Server().Requests().size() == 3);
  CHECK(h.Count() == 6);
  CHECK(h.Checkpoint().empty());
  CHECK(h.State(mltrend::pwc::kStateNewest) == "2025-09-10\t5");
  // Keys: no dump, numeric API ids, so the arXiv id.
  auto port = At(h, "2509.00005 https://github.com/p5/port");
  CHECK(port.declared == std::vector<std::string>{"MindSpore Lite"});  // an object's name, kept raw
  CHECK(port.attrs.at("is_official") == "false");
  CHECK(port.attrs.at("api_paper_id") == "5");
  CHECK(port.attrs.count("paper_url") == 0);
  CHECK(port.date == "2025-09-10");
  CHECK(At(h, "2509.00004 https://github.com/p4/x").declared == std::vector<std::string>{"tinygrad-nightly"});
  CHECK(At(h, "2508.00002 https://github.com/p2/x").declared == std::vector<std::string>{"7"});
  CHECK(At(h, "2508.00001 https://github.com/p1/x").declared.empty());

  REQUIRE(h.Run(config).ok());  // two new papers, then paper 5: stop
  CHECK(h.Server().Requests().size() == 5);
  CHECK(h.Server().RequestCount(Newest(3)) == 1);
  CHECK(h.Count() == 8);
  CHECK(At(h, "2510.00007 https://github.com/p7/x").declared == std::vector<std::string>{"jax"});
  CHECK(At(h, "2509.00006 https://github.com/p6/x").declared == std::vector<std::string>{"none"});
  CHECK(h.State(mltrend::pwc::kStateNewest) == "2025-10-02\t7");

  REQUIRE(h.Run(config).ok());  // a daily run with nothing new: one request
  CHECK(h.Server().Requests().size() == 6);
  CHECK(h.Count() == 8);
  CHECK(h.Log().AnyLineContains("API walk reached the newest paper already stored: 0 links, 1 requests this run"));
}

TEST_CASE("dump then API: a link in both is one record, and the walk stops at the dump's newest month") {
  Harness h;
  const auto dump = h.Dir() / "links.json";
  mltrend_test::WriteFile(dump, "[" + DumpLink("dual-paper", "\"2507.01234\"") + ", " +
                                    DumpLink("older-paper", "\"2506.00002\"") + ", " + DumpLink("no-arxiv", "null") +
                                    "]");
  Serve(h.Server(), Newest(1),
        Answer(4, {Paper("501", "2508.00001", "2025-08-03", {Repo("https://github.com/new/one", true, R"("jax")")}),
                   Paper("502", "2507.01234", "2025-07-20",
                         {Repo("https://github.com/o/dual-paper", true, R"("pytorch")"),
                          Repo("https://github.com/fork/dual", false, R"("tf")")})}));
  Serve(h.Server(), Newest(2),
        Answer(4, {Paper("503", "2506.00002", "2025-06-15", {Repo("https://github.com/o/older-paper", true)})}));
  h.Server().Start();
  const std::string base = h.Server().BaseUrl() + "/api/v1";

  // A store filled before live_api (the dump alone, keys by slug)...
  REQUIRE(h.Run(Config({{"links", dump.string()}})).ok());
  CHECK(h.Count() == 3);
  CHECK_FALSE(h.State(std::string(mltrend::pwc::kArxivKeyPrefix) + "2507.01234"));
  // ...then live_api: the dump is read once more under the same keys for its
  // arXiv index, and the API adds only what the dump lacks.
  const auto config = Config({{"links", dump.string()}, {"live_api", "true"}, {"api_base_url", base}, {"api_page_size", "2"}});
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 5);  // 3 from the dump + new/one + fork/dual; o/dual-paper once
  CHECK(h.Server().Requests().size() == 2);  // page 2's first paper (2025-06-15) is before 2025-07
  CHECK(h.State(std::string(mltrend::pwc::kArxivKeyPrefix) + "2507.01234") == "dual-paper");
  CHECK(h.State(mltrend::pwc::kStateDumpNewest) == "2025-07");
  auto dual = At(h, "dual-paper https://github.com/o/dual-paper");
  CHECK(dual.attrs.at("api_paper_id") == "502");  // the API's answer updated the dump's record
  CHECK(dual.attrs.at("paper_url") == "https://paperswithcode.com/paper/dual-paper");
  CHECK(dual.date == "2025-07-20");
  CHECK(At(h, "dual-paper https://github.com/fork/dual").attrs.at("is_official") == "false");
  CHECK(At(h, "2508.00001 https://github.com/new/one").declared == std::vector<std::string>{"jax"});
  CHECK_FALSE(h.Find("2507.01234 https://github.com/o/dual-paper"));

  REQUIRE(h.Run(config).ok());  // dump unchanged, API: paper 501 is the newest stored
  CHECK(h.Server().Requests().size() == 3);
  CHECK(h.Count() == 5);
  CHECK(h.Log().AnyLineContains("links dump unchanged"));
}

TEST_CASE("a full walk stopped after a page resumes at the next page number") {
  Harness h;
  auto one = [](const std::string& id) { return Paper(id, "2509.0000" + id, "2025-09-0" + id, {Repo("https://github.com/f/" + id, true)}); };
  // Oldest first, 2 a page; page 3 * 2 >= count 5 ends the walk.
  Serve(h.Server(), Oldest(1, 2), Answer(5, {one("1"), one("2")}));
  Serve(h.Server(), Oldest(2, 2), Answer(5, {one("3"), one("4")}));
  Serve(h.Server(), Oldest(3, 2), Answer(5, {one("5")}));
  h.Server().Start();
  const std::string base = h.Server().BaseUrl() + "/api/v1";
  const auto config = Config({{"api_base_url", base}, {"api_walk", "full"}, {"api_page_size", "2"}});

  CHECK(h.Run(config, 1).code() == mltrend::StatusCode::kCancelled);
  CHECK(h.Count() == 2);
  CHECK(h.Checkpoint() == "full\t2\t" + h.Server().BaseUrl() + Oldest(2, 2));
  // An incremental run would not take a full walk's checkpoint; a full one resumes.
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 5);
  CHECK(h.Checkpoint().empty());
  for (int page = 1; page <= 3; ++page) {
    INFO(page);
    CHECK(h.Server().RequestCount(Oldest(page, 2)) == 1);
  }
  CHECK(h.Server().Requests().size() == 3);
  CHECK_FALSE(h.State(mltrend::pwc::kStateNewest));  // a full walk does not move the incremental mark
}

TEST_CASE("request_budget counts per-paper repository requests, ends the run cleanly, and the next run continues") {
  Harness h;
  auto bare = [](const std::string& id) { return R"({"id": ")" + id + R"(", "title": "T", "published": "2021-01-0)" + id.substr(1) + R"("})"; };
  const std::string base_path = "/api/v1";
  Serve(h.Server(), Oldest(1),
        R"({"count": 4, "next": "https://paperswithcode.com/api/v1/papers/?page=2", "previous": null, "results": [)" +
            bare("p1") + ", " + bare("p2") + "]}");
  Serve(h.Server(), "/api/v1/papers/?page=2",
        R"({"count": 4, "next": null, "previous": null, "results": [)" + bare("p3") + ", " + bare("p4") + "]}");
  for (const char* id : {"p1", "p2", "p3", "p4"})
    Serve(h.Server(), base_path + "/papers/" + id + "/repositories/",
          R"({"count": 1, "next": null, "previous": null, "results": [)" +
              Repo(std::string("https://github.com/b/") + id, true, R"("paddle")") + "]}");
  h.Server().Start();
  const std::string base = h.Server().BaseUrl() + base_path;

  // 2 requests cannot finish page 1 (1 + 2 repositories): nothing commits.
  REQUIRE(h.Run(Config({{"api_base_url", base}, {"api_walk", "full"}, {"request_budget", "2"}})).ok());
  CHECK(h.Count() == 0);
  CHECK(h.Checkpoint().empty());
  CHECK(h.Log().AnyLineContains("request_budget=2 is too small for"));

  const auto config = Config({{"api_base_url", base}, {"api_walk", "full"}, {"request_budget", "3"}});
  REQUIRE(h.Run(config).ok());  // page 1 and its two papers; page 2 waits
  CHECK(h.Server().Requests().size() == 5);
  CHECK(h.Count() == 2);
  CHECK(h.Checkpoint() == "full\t2\t" + base + "/papers/?page=2");
  CHECK(h.Log().AnyLineContains("request_budget=3 spent; the next run continues from the checkpoint"));

  REQUIRE(h.Run(config).ok());
  CHECK(h.Server().Requests().size() == 8);
  CHECK(h.Count() == 4);
  CHECK(h.Checkpoint().empty());
  CHECK(At(h, "p4 https://github.com/b/p4").declared == std::vector<std::string>{"paddle"});
}

TEST_CASE("API positions round-trip, and an old bare-URL checkpoint reads as a full walk") {
  using namespace mltrend::pwc;
  ApiPosition p{Walk::kIncremental, 3, "http://h/api/v1/papers/?page=3", "2025-09-10", "5"};
  ApiPosition back;
  REQUIRE(DecodeApiPosition(EncodeApiPosition(p), "http://h/api/v1", back));
  CHECK(back.walk == Walk::kIncremental);
  CHECK(back.page == 3);
  CHECK(back.url == p.url);
  CHECK(back.newest_published == "2025-09-10");
  CHECK(back.newest_id == "5");
  REQUIRE(DecodeApiPosition("http://h/api/v1/papers/?items_per_page=50&page=2", "http://h/api/v1", back));
  CHECK(back.walk == Walk::kFull);
  CHECK_FALSE(DecodeApiPosition("1000\tsize=1 mtime=2", "http://h/api/v1", back));  // a dump checkpoint
  CHECK_FALSE(DecodeApiPosition("full\t0\thttp://h/api/v1/papers/", "http://h/api/v1", back));
}
