//===----------------------------------------------------------------------===//
// framework_share — share_rules_json.cpp
//===----------------------------------------------------------------------===//
#include "share_rules_json.hpp"

#include "json_strings.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::share {

using mltrend::plugin_json::WriteStrings;
std::string RenderRules(std::string_view sink_name, const Rules& rules) {
  mltrend::JsonWriter out;
  out.BeginObject().Key("sink").String(sink_name).Key("version").String(rules.version).Key("rules").BeginArray();
  for (const Rule& rule : rules.rules) {
    out.BeginObject().Key("framework").String(rule.framework).Key("grade").String(GradeName(rule.grade));
    WriteStrings(out, "tags", rule.tags);
    WriteStrings(out, "library_names", rule.library_names);
    WriteStrings(out, "topics", rule.topics);
    WriteStrings(out, "declared", rule.declared);
    WriteStrings(out, "dependencies", rule.dependencies);
    WriteStrings(out, "files", rule.files);
    WriteStrings(out, "header_formats", rule.header_formats);
    out.Key("note").String(rule.note).EndObject();
  }
  out.EndArray().Key("formats").BeginArray();
  for (const WeightFormat& f : rules.formats) {
    out.BeginObject().Key("name").String(f.name);
    WriteStrings(out, "files", f.files);
    out.Key("note").String(f.note).EndObject();
  }
  out.EndArray().Key("decisions").BeginArray();
  for (const Decision& d : rules.decisions)
    out.BeginObject().Key("topic").String(d.topic).Key("decision").String(d.decision).EndObject();
  out.EndArray().EndObject();
  return out.Take();
}

}  // namespace mltrend::share
