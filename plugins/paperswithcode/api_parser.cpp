#include "api_parser.hpp"

#include <simdjson.h>

#include <functional>

#include "json_fields.hpp"

namespace mltrend::pwc {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;
using plugin_json::FieldReader;

//! Reads one results element into T; sets `problem` for a rejected one.
template <typename T>
using ElementFn = std::function<error_code(od::object&, T&, std::string& id, FieldReader&)>;

template <typename T>
Status ParseEnvelope(std::string_view body, ApiPage<T>& out, const ElementFn<T>& element) {
  out = ApiPage<T>{};
  simdjson::padded_string padded(body);
  od::parser parser;
  bool saw_results = false;
  std::string envelope_problem;
  auto run = [&]() -> error_code {
    od::document doc;
    if (error_code e = parser.iterate(padded).get(doc)) return e;
    od::object top;
    if (error_code e = doc.get_object().get(top)) return e;
    for (auto item : top) {
      od::field field;
      if (error_code e = std::move(item).get(field)) return e;
      std::string_view key;
      if (error_code e = field.unescaped_key().get(key)) return e;
      od::value v = field.value();
      if (key == "next") {
        FieldReader read;
        if (error_code e = read.OptString(v, key, out.next)) return e;
        if (!read.problem().empty()) envelope_problem = read.problem();
      } else if (key == "results") {
        od::array array;
        if (v.get_array().get(array) != SUCCESS) {
          envelope_problem = "'results' is not an array";
          return SUCCESS;
        }
        saw_results = true;
        size_t index = 0;
        for (auto entry : array) {
          od::value ev;
          if (error_code e = std::move(entry).get(ev)) return e;
          od::object object;
          FieldReader read;
          T value{};
          std::string id;
          if (ev.get_object().get(object) != SUCCESS) {
            if (error_code e = FieldReader::Skip(ev)) return e;
            read.Problem("not an object");
          } else if (error_code e = element(object, value, id, read)) {
            return e;
          }
          if (read.problem().empty()) out.results.push_back(std::move(value));
          else out.rejections.push_back(ApiRejection{index, id, read.problem()});
          ++index;
        }
      } else if (error_code e = FieldReader::Skip(v)) {
        return e;
      }
    }
    return SUCCESS;
  };
  if (error_code e = run()) return Status::Invalid(std::string("invalid JSON: ") + simdjson::error_message(e));
  if (!envelope_problem.empty()) return Status::Invalid(envelope_problem);
  if (!saw_results) return Status::Invalid("no 'results' array: not a page envelope");
  return Status::Ok();
}

error_code ReadPaper(od::object& object, ApiPaper& paper, std::string& id, FieldReader& read) {
  std::optional<std::string> paper_id;
  error_code e = FieldReader::ForEachField(object, [&](std::string_view key, od::value& v) {
    if (key == "id") return read.OptString(v, key, paper_id);
    if (key == "arxiv_id") return read.OptString(v, key, paper.arxiv_id);
    if (key == "title") return read.OptString(v, key, paper.title);
    if (key == "published") return read.OptString(v, key, paper.published);
    if (key == "url_abs") return read.OptString(v, key, paper.url_abs);
    return FieldReader::Skip(v);
  });
  if (e) return e;
  if (paper_id) id = *paper_id;
  if (!paper_id || paper_id->empty()) read.Problem("no id");
  else paper.id = *paper_id;
  return SUCCESS;
}

error_code ReadRepository(od::object& object, ApiRepository& repo, std::string& id, FieldReader& read) {
  std::optional<std::string> url;
  std::optional<bool> is_official;
  error_code e = FieldReader::ForEachField(object, [&](std::string_view key, od::value& v) {
    if (key == "url") return read.OptString(v, key, url);
    if (key == "is_official") return read.OptBool(v, key, is_official);
    if (key == "framework") return read.OptString(v, key, repo.framework);
    if (key == "stars") return read.OptCount(v, key, repo.stars);
    return FieldReader::Skip(v);
  });
  if (e) return e;
  if (url) id = *url;
  if (!url || url->empty()) read.Problem("no url");
  else if (!is_official) read.Problem("no is_official");
  if (!read.problem().empty()) return SUCCESS;
  repo.url = *url;
  repo.is_official = *is_official;
  return SUCCESS;
}

}  // namespace

Status ParsePapersPage(std::string_view body, ApiPage<ApiPaper>& out) {
  return ParseEnvelope<ApiPaper>(body, out, ReadPaper);
}

Status ParseRepositoriesPage(std::string_view body, ApiPage<ApiRepository>& out) {
  return ParseEnvelope<ApiRepository>(body, out, ReadRepository);
}

}  // namespace mltrend::pwc
