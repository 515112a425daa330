// API mode against the replay server: the recorded /papers/ page (50 papers,
// `next` pointing at page 2), a second page holding the recorded
// GET /papers/generative-adversarial-networks/ answer, and repositories
// responses built from SOURCE-APIS.md (none was recorded).
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <map>

#include "pwc_api_ingest.hpp"
#include "pwc_api_parser.hpp"
#include "pwc_config.hpp"
#include "pwc_test_support.hpp"

using pwc_test::Config;
using pwc_test::Harness;
using pwc_test::Serve;

namespace {

std::string Fixture(const std::string& name) {
  return mltrend_test::ReadFile(mltrend_test::FixturePath("paperswithcode/api_v1/" + name));
}

std::string EmptyPage() { return R"({"count": 0, "next": null, "previous": null, "results": []})"; }

//! The first page of a full walk (the original API ignores the parameters).
const std::string kFirst =
    "/api/v1/papers/?order_by=date_published&order_dir=asc&include_resources=true&page_size=100&page=1";

//! Page 1 (recorded), page 2 (the recorded GAN paper), the GAN paper's two
//! repositories, two pages of repositories for Hopfield's paper (one with a
//! wrongly typed is_official), and no repositories for every other paper.
void ServeApi(mltrend_test::ReplayServer& server) {
  const std::string page1 = Fixture("paper_list_response.json");
  Serve(server, kFirst, page1);
  Serve(server, "/api/v1/papers/?items_per_page=50&page=2", Fixture("papers_page2.json"));
  Serve(server, "/api/v1/papers/generative-adversarial-networks/repositories/", Fixture("repositories_gan.json"));
  simdjson::dom::parser parser;
  simdjson::dom::array results;
  REQUIRE(parser.parse(page1)["results"].get(results) == simdjson::SUCCESS);
  for (simdjson::dom::element paper : results) {
    std::string_view id;
    REQUIRE(paper["id"].get(id) == simdjson::SUCCESS);
    if (id == "neural-networks-and-physical-systems-with") continue;
    Serve(server, "/api/v1/papers/" + std::string(id) + "/repositories/", EmptyPage());
  }
  const std::string hopfield = "/api/v1/papers/neural-networks-and-physical-systems-with/repositories/";
  Serve(server, hopfield,
        R"({"count": 3, "next": "https://paperswithcode.com/api/v1/papers/neural-networks-and-physical-systems-with/repositories/?page=2",
            "previous": null, "results": [
              {"url": "https://github.com/example/hopfield", "owner": "example", "name": "hopfield",
               "description": null, "stars": 12, "framework": "tf", "is_official": false},
              {"url": "https://github.com/example/bad", "stars": 1, "framework": "pytorch", "is_official": "no"}]})");
  Serve(server, hopfield + "?page=2",
        R"({"count": 3, "next": null, "previous": null, "results": [
              {"url": "https://github.com/example/hopfield-jax", "stars": null, "framework": "jax", "is_official": true}]})");
}

}  // namespace

// The original API's shape (paperswithcode.com, recorded 2021): a full walk.
TEST_CASE("API mode reads /papers/ pages by next and each paper's repositories into link records") {
  Harness h;
  ServeApi(h.Server());
  h.Server().Start();
  REQUIRE(h.Run(Config({{"api_base_url", h.Server().BaseUrl() + "/api/v1"}, {"api_walk", "full"}})).ok());
  CHECK(h.Count() == 4);
  CHECK(h.Counters().pages == 2);
  CHECK(h.Counters().rejected == 1);
  CHECK(h.Log().AnyLineContains("rejected repository #1 (https://github.com/example/bad): 'is_official' is a string"));
  CHECK(h.Checkpoint().empty());
  // 51 papers' repositories, one of them on two pages, plus the two /papers/ pages.
  CHECK(h.Server().Requests().size() == 54);

  auto gan = h.Get("generative-adversarial-networks https://github.com/goodfeli/adversarial");
  REQUIRE(gan);
  CHECK(gan->name == "Generative Adversarial Networks");
  CHECK(gan->date == "2014-06-10");  // `published`
  CHECK(gan->declared == std::vector<std::string>{"none"});
  CHECK(gan->attrs.at("is_official") == "true");
  CHECK(gan->attrs.at("arxiv_id") == "1406.2661");
  CHECK(gan->attrs.at("paper_url") == "https://paperswithcode.com/paper/generative-adversarial-networks");
  CHECK(gan->metrics.at("stars") == 3800);
  // The mirror's absolute `next` for the repositories was followed on api_base_url.
  auto jax = h.Get("neural-networks-and-physical-systems-with https://github.com/example/hopfield-jax");
  REQUIRE(jax);
  CHECK(jax->date == "1982-01-15");
  CHECK(jax->declared == std::vector<std::string>{"jax"});
  CHECK(jax->metrics.count("stars") == 0);
}

TEST_CASE("API mode with max_pages stops after a page and the next run continues at its next URL") {
  Harness h;
  ServeApi(h.Server());
  h.Server().Start();
  const std::string base = h.Server().BaseUrl() + "/api/v1";
  const auto config = Config({{"api_base_url", base}, {"api_walk", "full"}, {"max_pages", "1"}});
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 2);  // Hopfield's two good repositories
  CHECK(h.Checkpoint() == "full\t2\t" + base + "/papers/?items_per_page=50&page=2");
  REQUIRE(h.Run(config).ok());
  CHECK(h.Count() == 4);
  CHECK(h.Server().RequestCount(kFirst) == 1);
  CHECK(h.Checkpoint().empty());
}

TEST_CASE("API pages that are not envelopes fail the run, and so does a server error") {
  Harness h;
  Serve(h.Server(), kFirst, R"({"count": 1, "results": {"id": "x"}})");
  h.Server().Start();
  mltrend::Status s = h.Run(Config({{"api_base_url", h.Server().BaseUrl() + "/api/v1"}, {"api_walk", "full"}}));
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(s.message().find("'results' is not an array") != std::string::npos);

  Harness missing;  // nothing served: 404
  missing.Server().Start();
  CHECK_FALSE(missing.Run(Config({{"api_base_url", missing.Server().BaseUrl() + "/api/v1"}})).ok());
  CHECK(missing.Count() == 0);
}

TEST_CASE("a page's next URL is moved onto api_base_url") {
  using mltrend::pwc::OnBase;
  CHECK(OnBase("http://127.0.0.1:9/api/v1", "https://paperswithcode.com/api/v1/papers/?items_per_page=50&page=2") ==
        "http://127.0.0.1:9/api/v1/papers/?items_per_page=50&page=2");
  CHECK(OnBase("http://m/api/v1", "https://elsewhere/other").empty());
}

TEST_CASE("settings: links selects dump mode, and bad values are refused with the key named") {
  mltrend::pwc::Settings s;
  REQUIRE(mltrend::pwc::ReadSettings(Config({}), s).ok());
  CHECK(s.mode == mltrend::pwc::Mode::kApi);
  CHECK(s.api_base_url == "https://paperswithcode.com/api/v1");
  REQUIRE(mltrend::pwc::ReadSettings(Config({{"links", "/data/links.json.gz"}}), s).ok());
  CHECK(s.mode == mltrend::pwc::Mode::kDump);
  REQUIRE(mltrend::pwc::ReadSettings(Config({{"links", "/data/links.json.gz"}, {"live_api", "true"}}), s).ok());
  CHECK(s.mode == mltrend::pwc::Mode::kDumpThenApi);
  CHECK(s.walk == mltrend::pwc::Walk::kIncremental);
  CHECK(s.request_budget == 1000);
  struct Case {
    std::map<std::string, std::string> values;
    std::string key;
  };
  for (const Case& c : {Case{{{"links", "relative/links.json"}}, "links"}, Case{{{"links", "ftp://h/x"}}, "links"},
                        Case{{{"papers", "https://"}}, "papers"}, Case{{{"page_size", "0"}}, "page_size"},
                        Case{{{"api_base_url", "paperswithcode.com"}}, "api_base_url"},
                        Case{{{"max_pages", "-1"}}, "max_pages"}, Case{{{"api_walk", "newest"}}, "api_walk"},
                        Case{{{"api_page_size", "101"}}, "api_page_size"}, Case{{{"api_page_size", "0"}}, "api_page_size"},
                        Case{{{"request_budget", "-1"}}, "request_budget"}}) {
    INFO(c.key);
    std::string bad_key;
    CHECK_FALSE(mltrend::pwc::ReadSettings(Config(c.values), s, bad_key).ok());
    CHECK(bad_key == c.key);
  }
  CHECK(mltrend::pwc::ReadSettings(Config({{"api_walk", "newest"}}), s).message() ==
        "api_walk: expected one of incremental, full, got \"newest\"");
  CHECK(mltrend::pwc::ReadSettings(Config({{"page_size", "0"}}), s).message() == "page_size: must be at least 1, got 0");
  REQUIRE(mltrend::pwc::ReadSettings(Config({{"api_walk", "full"}, {"api_base_url", "http://h/api/v1/"}}), s).ok());
  CHECK(s.walk == mltrend::pwc::Walk::kFull);
  CHECK(s.api_base_url == "http://h/api/v1");
}
