//===----------------------------------------------------------------------===//
// framework_share — share_rules.cpp
//===----------------------------------------------------------------------===//
#include "share_rules.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "share_text.hpp"
#include "mltrend/toml_guard.hpp"

namespace mltrend::share {
namespace {

using mltrend::Status;

std::string Where(const std::string& origin, const toml::source_region& at) {
  return origin + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column) + ": ";
}

// Framework names appear in JSON keys, state keys and CLI columns: keep them
// to a plain identifier alphabet.
bool ValidFrameworkName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '+';
    if (!ok) return false;
  }
  return true;
}

Status ReadValues(const std::string& origin, const toml::key& key, const toml::node& node,
                  std::vector<std::string>& out) {
  const toml::array* array = node.as_array();
  if (!array)
    return Status::Invalid(Where(origin, node.source()) + "key '" + std::string(key.str()) +
                           "' must be an array of strings");
  for (const toml::node& item : *array) {
    const auto* value = item.as_string();
    if (!value)
      return Status::Invalid(Where(origin, item.source()) + "key '" + std::string(key.str()) +
                             "' must hold strings only");
    std::string lowered = NormaliseEvidence(value->get());
    if (lowered.empty())
      return Status::Invalid(Where(origin, item.source()) + "key '" + std::string(key.str()) +
                             "' holds an empty string");
    out.push_back(std::move(lowered));
  }
  return Status::Ok();
}

// A prose field (`note`, `topic`, `decision`): a string, non-empty when required.
Status ReadText(const std::string& origin, const toml::key& key, const toml::node& node, bool required,
                std::string& out) {
  const auto* value = node.as_string();
  if (!value || (required && value->get().empty()))
    return Status::Invalid(Where(origin, node.source()) + "key '" + std::string(key.str()) + "' must be a" +
                           (required ? " non-empty" : "") + " string");
  out = value->get();
  return Status::Ok();
}

Status ReadDecision(const std::string& origin, const toml::table& table, Decision& decision) {
  for (const auto& [key, node] : table) {
    std::string_view name = key.str();
    Status s;
    if (name == "topic") s = ReadText(origin, key, node, true, decision.topic);
    else if (name == "decision") s = ReadText(origin, key, node, true, decision.decision);
    else
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' in [[decision]] (expected topic or decision)");
    if (!s.ok()) return s;
  }
  if (decision.topic.empty() || decision.decision.empty())
    return Status::Invalid(Where(origin, table.source()) + "[[decision]] needs both 'topic' and 'decision'");
  return Status::Ok();
}

// Glob patterns are kept as written but lower-cased; they may not be empty
// and may not start with '/' (Hub paths are relative to the repository).
Status ReadGlobs(const std::string& origin, const toml::key& key, const toml::node& node,
                 std::vector<std::string>& out) {
  Status s = ReadValues(origin, key, node, out);
  if (!s.ok()) return s;
  for (const std::string& pattern : out)
    if (pattern.front() == '/')
      return Status::Invalid(Where(origin, node.source()) + "key '" + std::string(key.str()) + "' pattern '" +
                             pattern + "' starts with '/' (file paths are relative to the repository)");
  return Status::Ok();
}

Status ReadGradeKey(const std::string& origin, const toml::node& node, Grade& out) {
  const auto* value = node.as_string();
  if (!value || !ParseGrade(value->get(), out) || out == Grade::kLineage)
    return Status::Invalid(Where(origin, node.source()) +
                           "key 'grade' must be \"direct\" or \"library\" (lineage is derived, never written)");
  return Status::Ok();
}

Status ReadRule(const std::string& origin, const toml::table& table, Rule& rule) {
  bool has_framework = false;
  for (const auto& [key, node] : table) {
    std::string_view name = key.str();
    Status s;
    if (name == "framework") {
      const auto* value = node.as_string();
      if (!value || !ValidFrameworkName(value->get()))
        return Status::Invalid(Where(origin, node.source()) +
                               "key 'framework' must be a lower-case name of letters, digits, '_', '-', '.' or '+'");
      rule.framework = value->get();
      has_framework = true;
    } else if (name == "grade") {
      s = ReadGradeKey(origin, node, rule.grade);
    } else if (name == "tags") {
      s = ReadValues(origin, key, node, rule.tags);
    } else if (name == "library_names") {
      s = ReadValues(origin, key, node, rule.library_names);
    } else if (name == "topics") {
      s = ReadValues(origin, key, node, rule.topics);
    } else if (name == "declared") {
      s = ReadValues(origin, key, node, rule.declared);
    } else if (name == "dependencies") {
      s = ReadValues(origin, key, node, rule.dependencies);
    } else if (name == "files") {
      s = ReadGlobs(origin, key, node, rule.files);
    } else if (name == "header_formats") {
      s = ReadValues(origin, key, node, rule.header_formats);
    } else if (name == "note") {
      s = ReadText(origin, key, node, false, rule.note);
    } else {
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' in [[rule]] (expected framework, grade, tags, library_names, topics, declared, "
                             "dependencies, files, header_formats or note)");
    }
    if (!s.ok()) return s;
  }
  if (!has_framework) return Status::Invalid(Where(origin, table.source()) + "[[rule]] has no key 'framework'");
  if (rule.tags.empty() && rule.library_names.empty() && rule.topics.empty() && rule.declared.empty() &&
      rule.dependencies.empty() && rule.files.empty() && rule.header_formats.empty())
    return Status::Invalid(Where(origin, table.source()) + "[[rule]] for '" + rule.framework +
                           "' lists no tags, library_names, topics, declared, dependencies, files or "
                           "header_formats values");
  return Status::Ok();
}

Status ReadFormat(const std::string& origin, const toml::table& table, WeightFormat& format) {
  for (const auto& [key, node] : table) {
    std::string_view name = key.str();
    Status s;
    if (name == "name") {
      const auto* value = node.as_string();
      if (!value || !ValidFrameworkName(value->get()))
        return Status::Invalid(Where(origin, node.source()) +
                               "key 'name' must be a lower-case name of letters, digits, '_', '-', '.' or '+'");
      format.name = value->get();
    } else if (name == "files") {
      s = ReadGlobs(origin, key, node, format.files);
    } else if (name == "note") {
      s = ReadText(origin, key, node, false, format.note);
    } else {
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' in [[format]] (expected name, files or note)");
    }
    if (!s.ok()) return s;
  }
  if (format.name.empty() || format.files.empty())
    return Status::Invalid(Where(origin, table.source()) + "[[format]] needs both 'name' and 'files'");
  return Status::Ok();
}

// Reads `[[key]]` tables, each with `read`, appending to `out`.
template <typename T>
Status ReadTables(const std::string& origin, const toml::key& key, const toml::node& node,
                  Status (*read)(const std::string&, const toml::table&, T&), std::vector<T>& out) {
  const toml::array* array = node.as_array();
  const std::string name(key.str());
  if (!array || !array->is_array_of_tables())
    return Status::Invalid(Where(origin, node.source()) + "key '" + name + "' must be written as [[" + name +
                           "]] tables");
  for (const toml::node& item : *array) {
    T entry;
    Status s = read(origin, *item.as_table(), entry);
    if (!s.ok()) return s;
    out.push_back(std::move(entry));
  }
  return Status::Ok();
}

}  // namespace

std::string_view GradeName(Grade grade) {
  switch (grade) {
    case Grade::kDirect: return "direct";
    case Grade::kLibrary: return "library";
    case Grade::kLineage: return "lineage";
    case Grade::kNone: break;
  }
  return "none";
}

bool ParseGrade(std::string_view text, Grade& out) {
  for (Grade g : {Grade::kDirect, Grade::kLibrary, Grade::kLineage})
    if (GradeName(g) == text) {
      out = g;
      return true;
    }
  return false;
}

Status ParseRules(std::string_view text, const std::string& origin, Rules& out) {
  out = Rules{};
  if (mltrend::TomlTextProblem problem; !mltrend::CheckTomlText(text, problem)) {
    const toml::source_region at{{static_cast<toml::source_index>(problem.line),
                                  static_cast<toml::source_index>(problem.column)}, {}, nullptr};
    return Status::Invalid(Where(origin, at) + problem.what);
  }
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    // toml++ may quote a raw newline of the text; a rules error stays one log line.
    return Status::Invalid(Where(origin, e.source()) + mltrend::OneLine(e.description()));
  }
  bool has_version = false;
  for (const auto& [key, node] : root) {
    std::string_view name = key.str();
    Status s;
    if (name == "version") {
      s = ReadText(origin, key, node, true, out.version);
      has_version = true;
    } else if (name == "rule") {
      s = ReadTables(origin, key, node, ReadRule, out.rules);
    } else if (name == "format") {
      s = ReadTables(origin, key, node, ReadFormat, out.formats);
    } else if (name == "decision") {
      s = ReadTables(origin, key, node, ReadDecision, out.decisions);
    } else {
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' (expected version, [[rule]], [[format]] or [[decision]])");
    }
    if (!s.ok()) return s;
  }
  if (!has_version) return Status::Invalid(origin + ":1:1: missing key 'version'");
  out.content = std::string(text);
  return Status::Ok();
}

Status LoadRules(const std::string& path, Rules& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read rules file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read rules file " + path);
  return ParseRules(text.str(), path, out);
}

std::string MatchingContent(const Rules& rules) {
  // Length-prefixed, so no value can imitate a separator.
  std::string out;
  auto add = [&](std::string_view kind, const std::vector<std::string>& values) {
    out.append(kind).append(" ").append(std::to_string(values.size())).append("\n");
    for (const auto& v : values) out.append(std::to_string(v.size())).append(":").append(v).append("\n");
  };
  for (const Rule& rule : rules.rules) {
    out.append("rule ").append(rule.framework).append(" ").append(GradeName(rule.grade)).append("\n");
    add("tags", rule.tags);
    add("library_names", rule.library_names);
    add("topics", rule.topics);
    add("declared", rule.declared);
    add("dependencies", rule.dependencies);
    add("files", rule.files);
    add("header_formats", rule.header_formats);
  }
  // Formats decide how an unknown record's reason reads, which is stored in
  // the cells, so they belong to the matching content too.
  for (const WeightFormat& format : rules.formats) {
    out.append("format ").append(format.name).append("\n");
    add("files", format.files);
  }
  return out;
}

}  // namespace mltrend::share
