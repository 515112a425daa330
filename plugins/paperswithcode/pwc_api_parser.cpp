#include "pwc_api_parser.hpp"

#include <simdjson.h>

#include <functional>

#include "json_fields.hpp"
#include "json_page.hpp"

namespace mltrend::pwc {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;
using plugin_json::FieldReader;

//! Reads one results element into T; sets `problem` for a rejected one.
template <typename T>
using ElementFn = std::function<error_code(od::object&, T&, std::string& id, FieldReader&)>;

//! Reads each element of `array` as an object through `element`: one it
//! accepts goes to `kept`, a non-object or one with a problem to `rejected`
//! with its index, id and the problem. Only a JSON error stops the walk.
template <typename T>
error_code ReadObjects(od::array& array, const ElementFn<T>& element, std::vector<T>& kept,
                       std::vector<ApiRejection>& rejected) {
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
    if (read.problem().empty()) kept.push_back(std::move(value));
    else rejected.push_back(ApiRejection{index, id, read.problem()});
    ++index;
  }
  return SUCCESS;
}

template <typename T>
Status ParseEnvelope(std::string_view body, ApiPage<T>& out, const ElementFn<T>& element) {
  out = ApiPage<T>{};
  plugin_json::JsonPage page;
  bool saw_results = false;
  std::string envelope_problem;
  auto run = [&]() -> error_code {
    od::object top;
    if (error_code e = page.Open(body, top)) return e;
    for (auto item : top) {
      od::field field;
      if (error_code e = std::move(item).get(field)) return e;
      std::string_view key;
      if (error_code e = field.unescaped_key().get(key)) return e;
      od::value v = field.value();
      if (key == "count" || key == "total") {
        FieldReader read;
        if (error_code e = read.OptCount(v, key, out.count)) return e;
        if (!read.problem().empty()) envelope_problem = read.problem();
      } else if (key == "next") {
        out.has_next = true;
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
        if (error_code e = ReadObjects(array, element, out.results, out.rejections)) return e;
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

//! The framework as given (see ApiRepository::framework); never a problem.
error_code ReadFramework(od::value& v, std::optional<std::string>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  out.reset();
  switch (type) {
    case od::json_type::null:
      return FieldReader::Skip(v);
    case od::json_type::string: {
      std::string_view text;
      if (error_code e = v.get_string().get(text)) return e;
      out = std::string(text);
      return SUCCESS;
    }
    case od::json_type::object: {
      od::object object;
      if (error_code e = v.get_object().get(object)) return e;
      std::optional<std::string> name, slug;
      FieldReader ignore;  // a mistyped name only leaves it unread
      if (error_code e = FieldReader::ForEachField(object, [&](std::string_view key, od::value& field) {
            if (key == "name") return ignore.OptString(field, key, name);
            if (key == "slug") return ignore.OptString(field, key, slug);
            return FieldReader::Skip(field);
          }))
        return e;
      if (name && !name->empty()) out = *name;
      else if (slug && !slug->empty()) out = *slug;
      else out = "{}";
      return SUCCESS;
    }
    case od::json_type::array:
      out = "[]";
      return FieldReader::Skip(v);
    default: {
      std::string_view token = v.raw_json_token();
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                                token.back() == '\t'))
        token.remove_suffix(1);
      out = std::string(token);
      return FieldReader::Skip(v);
    }
  }
}

error_code ReadRepository(od::object& object, ApiRepository& repo, std::string& id, FieldReader& read) {
  std::optional<std::string> url;
  std::optional<bool> is_official;
  error_code e = FieldReader::ForEachField(object, [&](std::string_view key, od::value& v) {
    if (key == "url") return read.OptString(v, key, url);
    if (key == "is_official") return read.OptBool(v, key, is_official);
    if (key == "framework") return ReadFramework(v, repo.framework);
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

//! A paper's inline `repositories`: each element read like a repositories
//! page's; a bad one is rejected into `paper.repository_rejections`.
error_code ReadInlineRepositories(od::value& v, ApiPaper& paper, FieldReader& read) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  if (type == od::json_type::null) return FieldReader::Skip(v);
  if (type != od::json_type::array) {
    read.Problem(std::string("'repositories' is a ") + FieldReader::TypeName(type) + ", expected an array");
    return FieldReader::Skip(v);
  }
  od::array array;
  if (error_code e = v.get_array().get(array)) return e;
  paper.repositories.emplace();
  if (error_code e = ReadObjects<ApiRepository>(array, ReadRepository, *paper.repositories,
                                                paper.repository_rejections)) {
    return e;
  }
  return SUCCESS;
}

error_code ReadPaper(od::object& object, ApiPaper& paper, std::string& id, FieldReader& read) {
  std::optional<std::string> paper_id;
  error_code e = FieldReader::ForEachField(object, [&](std::string_view key, od::value& v) {
    if (key == "id") return read.OptString(v, key, paper_id);
    if (key == "arxiv_id") return read.OptString(v, key, paper.arxiv_id);
    if (key == "title") return read.OptString(v, key, paper.title);
    if (key == "published") return read.OptString(v, key, paper.published);
    if (key == "url_abs") return read.OptString(v, key, paper.url_abs);
    if (key == "repositories") return ReadInlineRepositories(v, paper, read);
    return FieldReader::Skip(v);
  });
  if (e) return e;
  if (paper_id) id = *paper_id;
  if (!paper_id || paper_id->empty()) read.Problem("no id");
  else paper.id = *paper_id;
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
