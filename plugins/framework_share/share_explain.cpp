//===----------------------------------------------------------------------===//
// framework_share — share_explain.cpp
//===----------------------------------------------------------------------===//
// `GET /v1/explain?source=S&name=NAME` (or `&id=ID`): why one record counts
// as it does — its stored evidence, every rule that matched, its lineage
// with each ancestor, the resulting set and its cohort period.
#include <deque>
#include <set>

#include "share_evidence.hpp"
#include "share_sink.hpp"
#include "share_node.hpp"
#include "share_period.hpp"
#include "share_rules_json.hpp"
#include "share_trends_query.hpp"
#include "json_strings.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::share {

using mltrend::plugin_json::WriteStrings;
namespace {

// Lineage is shown this deep at most (the Hub's trees are a few levels).
constexpr int kMaxDepth = 16;
constexpr size_t kMaxAncestors = 64;

void Names(mltrend::JsonWriter& out, std::string_view key, FrameworkSet set, const std::vector<std::string>& names) {
  out.Key(key).BeginArray();
  for (size_t bit = 0; bit < names.size(); ++bit)
    if (set & (FrameworkSet{1} << bit)) out.String(names[bit]);
  out.EndArray();
}

//! Walks up from `bases` breadth first, writing one object per ancestor:
//! {"name","depth","via","stored","grade","frameworks"}; ancestors with
//! evidence of their own end their branch.
mltrend::Status WriteLineage(mltrend::JsonWriter& out, NodeStore& nodes, std::string_view source,
                             const std::string& name, const std::vector<std::string>& bases,
                             const std::vector<std::string>& frameworks) {
  struct Step {
    std::string name, via;
    int depth;
  };
  std::deque<Step> queue;
  std::set<std::string> seen{name};
  for (const auto& base : bases) queue.push_back({base, name, 1});
  out.Key("lineage").BeginArray();
  std::vector<Node> found;
  size_t written = 0;
  while (!queue.empty() && written < kMaxAncestors) {
    Step step = std::move(queue.front());
    queue.pop_front();
    if (!seen.insert(step.name).second) continue;
    if (auto s = nodes.Find(source, step.name, found); !s.ok()) return s;
    ++written;
    out.BeginObject().Key("name").String(step.name).Key("depth").Int(step.depth).Key("via").String(step.via);
    out.Key("stored").Bool(!found.empty());
    if (!found.empty()) {
      const Node& node = found.front();
      const Grade grade = node.own.set ? node.own.grade : node.signature.grade;
      out.Key("grade").String(GradeName(grade));
      Names(out, "frameworks", node.Exported(), frameworks);
      if (node.own.set == 0 && step.depth < kMaxDepth)
        for (const auto& base : node.bases) queue.push_back({base, step.name, step.depth + 1});
    }
    out.EndObject();
  }
  out.EndArray();
  return mltrend::Status::Ok();
}

}  // namespace

void FrameworkShareSink::QueryExplain(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  QueryError error;
  std::string source;
  auto param = [&](const char* key) { return FindParam(request.params, key); };
  if (!ReadSourceRoute(request.params, {"source", "name", "id"}, "/v1/explain", configured_, KnownSources(false),
                       source, error))
    return RenderError(error, response);
  const std::string* name = param("name");
  const std::string* id = param("id");
  if ((name == nullptr) == (id == nullptr))
    return RenderError({400, "bad_parameter", name ? "id" : "name", "give exactly one of name and id"}, response);

  NodeStore nodes(ctx_);
  std::vector<Node> found;
  std::string record_id = id ? *id : std::string();
  if (name) {
    if (auto s = nodes.Find(source, LineageName(*name), found); !s.ok())
      return RenderError({500, "internal", "", s.message()}, response);
    if (!found.empty()) record_id = found.front().id;
  }
  std::optional<mltrend::Record> record;
  if (!record_id.empty())
    if (auto s = ctx_->GetRecord(source, record_id, record); !s.ok())
      return RenderError({500, "internal", "", s.message()}, response);
  if (!record)
    return RenderError({404, "not_found", name ? "name" : "id",
                        "no record " + (name ? "named '" + *name : "with id '" + *id) + "' in source " + source},
                       response);
  const std::string lineage_name = LineageName(record->name);
  if (auto s = nodes.Find(source, lineage_name, found); !s.ok())
    return RenderError({500, "internal", "", s.message()}, response);
  const Node* node = nullptr;
  for (const Node& n : found)
    if (n.id == record->id) node = &n;

  const auto& frameworks = classifier_.Frameworks();
  const OwnEvidence own = ReadOwnEvidence(classifier_, *record);
  // The signature the cells hold for it; a record not folded yet (newer than
  // the cursor) is shown with its own evidence only.
  const Signature signature = node ? node->signature : Signature{own.own.grade, own.own.set, own.file_reason, {}, 0};
  mltrend::JsonWriter out;
  out.BeginObject().Key("source").String(source).Key("id").String(record->id).Key("name").String(record->name);
  out.Key("period").String(CohortMonth(*record));
  Names(out, "frameworks", signature.set, frameworks);
  out.Key("grade").String(GradeName(signature.grade));
  if (signature.set == 0) out.Key("unknown_reason").String(ReasonText(signature, classifier_.Formats()));
  out.Key("counted").Bool(node ? node->counted : false).Key("folded").Bool(node != nullptr);
  out.Key("evidence").BeginArray();
  for (const EvidenceMatch& m : classifier_.Explain(*record)) {
    out.BeginObject().Key("framework").String(m.framework).Key("channel").String(m.channel);
    out.Key("value").String(m.value).Key("grade").String(GradeName(m.grade));
    if (!m.pattern.empty()) out.Key("pattern").String(m.pattern);
    // Only the strongest grade decides; weaker matches are shown, not used.
    out.Key("used").Bool(m.grade == own.own.grade).EndObject();
  }
  out.EndArray();
  WriteStrings(out, "bases", own.bases);
  if (auto s = WriteLineage(out, nodes, source, lineage_name, own.bases, frameworks); !s.ok())
    return RenderError({500, "internal", "", s.message()}, response);
  out.Key("stored_evidence").BeginObject();
  WriteStrings(out, "tags", record->tags);
  WriteStrings(out, "library_names", record->library_names);
  WriteStrings(out, "topics", record->topics);
  WriteStrings(out, "declared", record->declared);
  WriteStrings(out, "files", record->files);
  WriteStrings(out, "header_formats", record->header_formats);
  for (const char* key : {"safetensors_header", "sha", "files_listed", "dependencies"})
    if (auto it = record->attrs.find(key); it != record->attrs.end()) out.Key(key).String(it->second);
  out.EndObject().Key("rules_version").String(rules_.version).EndObject();
  response.status = 200;
  response.content_type = "application/json";
  response.body = out.Take();
}

}  // namespace mltrend::share
