//===----------------------------------------------------------------------===//
// mltrendd — cli/rules_data.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/rules_data.hpp"

#include <simdjson.h>

#include "render_detail.hpp"

namespace mltrendd {

using render_detail::Str;

namespace {

//! A decision may be a plain string or an object with a text-like field.
std::string DecisionText(simdjson::dom::element e) {
  std::string_view sv;
  if (e.get(sv) == simdjson::SUCCESS) return std::string(sv);
  for (const char* key : {"text", "decision", "note", "summary"}) {
    if (std::string text = Str(e[key]); !text.empty()) return text;
  }
  return simdjson::minify(e);
}

}  // namespace

mltrend::Status ParseRulesAnswer(const std::string& json, RulesData& out) {
  out = RulesData{};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) return mltrend::Status::Invalid("the daemon sent invalid JSON");
  simdjson::dom::array rules;
  if (doc["rules"].get(rules) != simdjson::SUCCESS) return mltrend::Status::Invalid("the answer has no rules");
  out.sink = Str(doc["sink"]);
  out.version = Str(doc["version"]);
  if (out.version.empty()) out.version = Str(doc["rules_version"]);
  for (simdjson::dom::element r : rules) {
    RuleEntry entry;
    entry.framework = Str(r["framework"]);
    entry.note = Str(r["note"]);
    entry.grade = Str(r["grade"]);
    for (const char* key : {"tags", "library_names", "topics", "declared", "dependencies", "files", "header_formats"}) {
      simdjson::dom::array values;
      if (r[key].get(values) != simdjson::SUCCESS || values.size() == 0) continue;
      std::vector<std::string> list;
      for (simdjson::dom::element v : values) list.push_back(Str(v));
      entry.evidence.emplace_back(key, std::move(list));
    }
    out.rules.push_back(std::move(entry));
  }
  simdjson::dom::array decisions;
  if (doc["decisions"].get(decisions) == simdjson::SUCCESS) {
    for (simdjson::dom::element d : decisions) out.decisions.push_back(DecisionText(d));
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
