// Parsing one dump object: strict about the types of known fields, tolerant
// of unknown ones, and the record a link becomes.
#include <catch2/catch.hpp>

#include "pwc_link_parser.hpp"

using mltrend::pwc::DumpObjectParser;
using mltrend::pwc::Link;
using mltrend::pwc::MakeLinkRecord;
using mltrend::pwc::PaperDate;

namespace {

// A link as the real dump writes it (the first link of the 2024-09 subset).
const char* kLink =
    R"({"paper_url": "https://paperswithcode.com/paper/efficient-leave-one-out-cross-validation-for",
        "paper_title": "Efficient leave-one-out cross-validation for Bayesian non-factorized normal and Student-t models",
        "paper_arxiv_id": "1810.10559", "paper_url_abs": "http://arxiv.org/abs/1810.10559v4",
        "paper_url_pdf": "http://arxiv.org/pdf/1810.10559v4.pdf",
        "repo_url": "https://github.com/paul-buerkner/psis-non-factorized-paper", "is_official": true,
        "mentioned_in_paper": false, "mentioned_in_github": true, "framework": "none"})";

}  // namespace

TEST_CASE("a dump link becomes a record keyed by paper slug and repo URL with its raw evidence") {
  DumpObjectParser parser;
  Link link;
  std::string id, problem;
  REQUIRE(parser.ParseLink(kLink, link, id, problem));
  const mltrend::Record r = MakeLinkRecord(link, "2018-10");
  CHECK(r.id == "efficient-leave-one-out-cross-validation-for https://github.com/paul-buerkner/psis-non-factorized-paper");
  CHECK(r.name.rfind("Efficient leave-one-out", 0) == 0);
  CHECK(r.date == "2018-10");
  CHECK(r.declared == std::vector<std::string>{"none"});  // kept as evidence; the rules map it to nothing
  CHECK(r.attrs.at("is_official") == "true");
  CHECK(r.attrs.at("framework") == "none");
  CHECK(r.attrs.at("mentioned_in_paper") == "false");
  CHECK(r.attrs.at("mentioned_in_github") == "true");
  CHECK(r.attrs.at("repo_url") == "https://github.com/paul-buerkner/psis-non-factorized-paper");
  CHECK(r.attrs.at("paper_url") == "https://paperswithcode.com/paper/efficient-leave-one-out-cross-validation-for");
  CHECK(r.attrs.at("arxiv_id") == "1810.10559");
}

TEST_CASE("unknown fields and nulls are tolerated, and without a paper_url the arXiv id names the paper") {
  DumpObjectParser parser;
  Link link;
  std::string id, problem;
  REQUIRE(parser.ParseLink(R"({"paper_url": null, "paper_arxiv_id": "hep-th/9901001", "repo_url": "https://g/r",
                               "is_official": false, "framework": null, "stars": 12, "extra": {"a": [1, "x"]},
                               "mentioned_in_paper": null})",
                           link, id, problem));
  const mltrend::Record r = MakeLinkRecord(link, "");
  CHECK(r.id == "hep-th/9901001 https://g/r");
  CHECK(r.declared.empty());
  CHECK(r.attrs.at("is_official") == "false");
  CHECK(r.attrs.count("mentioned_in_paper") == 0);
  CHECK(r.attrs.count("framework") == 0);
}

TEST_CASE("a known field of the wrong type, a missing key field or broken JSON rejects the link with a reason") {
  struct Case {
    const char* object;
    const char* reason;
  };
  for (const Case& c : {
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r", "is_official": "true"})",
                "'is_official' is a string, expected a boolean"},
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r", "is_official": true, "framework": 3})",
                "'framework' is a number, expected a string"},
           Case{R"({"paper_url": ["x"], "repo_url": "https://g/r", "is_official": true})",
                "'paper_url' is a array, expected a string"},
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r", "is_official": true, "mentioned_in_github": 1})",
                "'mentioned_in_github' is a number, expected a boolean"},
           Case{R"({"paper_url": "https://p/paper/a", "is_official": true})", "no repo_url"},
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "", "is_official": true})", "no repo_url"},
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r"})", "no is_official"},
           Case{R"({"paper_url": null, "repo_url": "https://g/r", "is_official": true})",
                "neither paper_url nor paper_arxiv_id"},
           Case{R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r", "is_official": tru})", "invalid JSON"},
       }) {
    INFO(c.object);
    DumpObjectParser parser;
    Link link;
    std::string id, problem;
    CHECK_FALSE(parser.ParseLink(c.object, link, id, problem));
    CHECK(problem.find(c.reason) != std::string::npos);
  }
  // The id is reported as far as it could be read, for the log line.
  DumpObjectParser parser;
  Link link;
  std::string id, problem;
  CHECK_FALSE(parser.ParseLink(R"({"paper_url": "https://p/paper/a", "repo_url": "https://g/r", "is_official": 1})",
                               link, id, problem));
  CHECK(id == "a https://g/r");
}

TEST_CASE("a papers-dump object gives its date, and a malformed date or type is a problem") {
  DumpObjectParser parser;
  PaperDate paper;
  std::string problem;
  REQUIRE(parser.ParsePaper(R"({"paper_url": "https://paperswithcode.com/paper/gan", "arxiv_id": "1406.2661",
                                "title": "GAN", "abstract": "{\"quoted\"}", "authors": ["a", "b"], "tasks": [],
                                "date": "2014-06-10", "methods": [{"name": "x"}]})",
                            paper, problem));
  CHECK(paper.date == "2014-06-10");
  CHECK(paper.arxiv_id == std::optional<std::string>("1406.2661"));
  REQUIRE(parser.ParsePaper(R"({"paper_url": "https://paperswithcode.com/paper/x", "date": null})", paper, problem));
  CHECK(paper.date.empty());
  CHECK_FALSE(parser.ParsePaper(R"({"paper_url": "https://p/paper/x", "date": "June 2014"})", paper, problem));
  CHECK_FALSE(parser.ParsePaper(R"({"paper_url": "https://p/paper/x", "date": 2014})", paper, problem));
  CHECK(problem.find("'date' is a number") != std::string::npos);
}
