//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_link_parser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "json_page.hpp"
#include "mltrend/record.hpp"

namespace mltrend::pwc {

//! One element of links-between-papers-and-code.json as the dump states it.
struct Link {
  std::optional<std::string> paper_url, paper_title, paper_arxiv_id, paper_url_abs, paper_url_pdf;
  std::string repo_url;
  bool is_official = false;
  std::optional<bool> mentioned_in_paper, mentioned_in_github;
  std::optional<std::string> framework;
};

//! One element of papers-with-abstracts.json, as far as dating needs it.
struct PaperDate {
  std::optional<std::string> paper_url, arxiv_id;
  std::string date;  //!< "" when the paper has none
};

//! The paper's id in the record key: the slug of paper_url
//! (`https://paperswithcode.com/paper/<slug>`), else the arXiv id, else "".
std::string PaperId(const std::optional<std::string>& paper_url, const std::optional<std::string>& arxiv_id);

//! Parses dump objects one at a time with simdjson On-Demand, reusing one
//! parser and one padded buffer. Strict about the types of the known fields
//! (the ten link fields; paper_url, arxiv_id and date of a paper), tolerant
//! of unknown fields (each is still checked to be valid JSON).
class DumpObjectParser {
 public:
  //! True with `link` filled, or false with `problem` saying why the object
  //! is rejected (`id` then names it as far as it could be read). Required:
  //! repo_url (a non-empty string), is_official (a boolean) and a paper id
  //! (PaperId non-empty). Strings may be null, booleans other than
  //! is_official too.
  bool ParseLink(std::string_view object, Link& link, std::string& id, std::string& problem);
  //! True with `paper` filled; false with `problem` when the object is not
  //! valid JSON or a known field has the wrong type. A `date` that does not
  //! start with YYYY-MM is a problem too.
  bool ParsePaper(std::string_view object, PaperDate& paper, std::string& problem);

 private:
  plugin_json::JsonPage page_;  //!< one parser and padded buffer for every object
};

//! The record of one link (see README.md for the mapping): id = PaperId +
//! " " + repo_url, name = paper title, declared = {framework} as stated
//! (including "none"), attrs is_official / framework / mentioned_in_paper /
//! mentioned_in_github / repo_url / paper_url / arxiv_id, date = `date`.
Record MakeLinkRecord(const Link& link, std::string date);

}  // namespace mltrend::pwc
