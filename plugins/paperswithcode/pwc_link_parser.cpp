#include "pwc_link_parser.hpp"

#include "json_fields.hpp"

namespace mltrend::pwc {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;
using plugin_json::FieldReader;

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

//! "YYYY-MM", "YYYY-MM-DD" or longer ISO text starting so.
bool LooksLikeDate(std::string_view d) {
  return d.size() >= 7 && Digits(d.substr(0, 4)) && d[4] == '-' && Digits(d.substr(5, 2));
}

std::string Describe(error_code e) { return std::string("invalid JSON: ") + simdjson::error_message(e); }

}  // namespace

std::string PaperId(const std::optional<std::string>& paper_url, const std::optional<std::string>& arxiv_id) {
  if (paper_url && !paper_url->empty()) {
    std::string_view url = *paper_url;
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    const size_t slash = url.rfind('/');
    std::string_view slug = slash == std::string_view::npos ? url : url.substr(slash + 1);
    if (!slug.empty()) return std::string(slug);
  }
  if (arxiv_id && !arxiv_id->empty()) return *arxiv_id;
  return "";
}

bool DumpObjectParser::ParseLink(std::string_view object, Link& link, std::string& id, std::string& problem) {
  link = Link{};
  id.clear();
  FieldReader read;
  std::optional<std::string> repo_url;
  std::optional<bool> is_official;
  auto run = [&]() -> error_code {
    od::object fields;
    if (error_code e = page_.Open(object, fields)) return e;
    return FieldReader::ForEachField(fields, [&](std::string_view key, od::value& v) {
      if (key == "paper_url") return read.OptString(v, key, link.paper_url);
      if (key == "paper_title") return read.OptString(v, key, link.paper_title);
      if (key == "paper_arxiv_id") return read.OptString(v, key, link.paper_arxiv_id);
      if (key == "paper_url_abs") return read.OptString(v, key, link.paper_url_abs);
      if (key == "paper_url_pdf") return read.OptString(v, key, link.paper_url_pdf);
      if (key == "repo_url") return read.OptString(v, key, repo_url);
      if (key == "is_official") return read.OptBool(v, key, is_official);
      if (key == "mentioned_in_paper") return read.OptBool(v, key, link.mentioned_in_paper);
      if (key == "mentioned_in_github") return read.OptBool(v, key, link.mentioned_in_github);
      if (key == "framework") return read.OptString(v, key, link.framework);
      return FieldReader::Skip(v);
    });
  };
  const error_code e = run();
  id = PaperId(link.paper_url, link.paper_arxiv_id);
  if (repo_url) id += " " + *repo_url;
  if (e) {
    problem = Describe(e);
    return false;
  }
  if (!read.problem().empty()) {
    problem = read.problem();
    return false;
  }
  if (!repo_url || repo_url->empty()) problem = "no repo_url";
  else if (!is_official) problem = "no is_official";
  else if (PaperId(link.paper_url, link.paper_arxiv_id).empty()) problem = "neither paper_url nor paper_arxiv_id";
  if (!problem.empty()) return false;
  link.repo_url = std::move(*repo_url);
  link.is_official = *is_official;
  return true;
}

bool DumpObjectParser::ParsePaper(std::string_view object, PaperDate& paper, std::string& problem) {
  paper = PaperDate{};
  FieldReader read;
  std::optional<std::string> date;
  auto run = [&]() -> error_code {
    od::object fields;
    if (error_code e = page_.Open(object, fields)) return e;
    return FieldReader::ForEachField(fields, [&](std::string_view key, od::value& v) {
      if (key == "paper_url") return read.OptString(v, key, paper.paper_url);
      if (key == "arxiv_id") return read.OptString(v, key, paper.arxiv_id);
      if (key == "date") return read.OptString(v, key, date);
      return FieldReader::Skip(v);
    });
  };
  if (const error_code e = run()) {
    problem = Describe(e);
    return false;
  }
  if (!read.problem().empty()) {
    problem = read.problem();
    return false;
  }
  if (date && !date->empty()) {
    if (!LooksLikeDate(*date)) {
      problem = "'date' is not an ISO date: " + *date;
      return false;
    }
    paper.date = std::move(*date);
  }
  return true;
}

Record MakeLinkRecord(const Link& link, std::string date) {
  Record r;
  r.id = PaperId(link.paper_url, link.paper_arxiv_id) + " " + link.repo_url;
  r.name = link.paper_title.value_or("");
  r.date = std::move(date);
  if (link.framework && !link.framework->empty()) {
    r.declared.push_back(*link.framework);
    r.attrs["framework"] = *link.framework;
  }
  r.attrs["is_official"] = link.is_official ? "true" : "false";
  if (link.mentioned_in_paper) r.attrs["mentioned_in_paper"] = *link.mentioned_in_paper ? "true" : "false";
  if (link.mentioned_in_github) r.attrs["mentioned_in_github"] = *link.mentioned_in_github ? "true" : "false";
  r.attrs["repo_url"] = link.repo_url;
  if (link.paper_url) r.attrs["paper_url"] = *link.paper_url;
  if (link.paper_arxiv_id && !link.paper_arxiv_id->empty()) r.attrs["arxiv_id"] = *link.paper_arxiv_id;
  return r;
}

}  // namespace mltrend::pwc
