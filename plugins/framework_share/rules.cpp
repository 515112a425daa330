//===----------------------------------------------------------------------===//
// framework_share — rules.cpp
//===----------------------------------------------------------------------===//
#include "framework_share/rules.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "framework_share/text.hpp"

namespace framework_share {
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
    } else {
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' in [[rule]] (expected framework, tags, library_names, topics, declared or dependencies)");
    }
    if (!s.ok()) return s;
  }
  if (!has_framework) return Status::Invalid(Where(origin, table.source()) + "[[rule]] has no key 'framework'");
  if (rule.tags.empty() && rule.library_names.empty() && rule.topics.empty() && rule.declared.empty() &&
      rule.dependencies.empty())
    return Status::Invalid(Where(origin, table.source()) + "[[rule]] for '" + rule.framework +
                           "' lists no tags, library_names, topics, declared or dependencies values");
  return Status::Ok();
}

}  // namespace

Status ParseRules(std::string_view text, const std::string& origin, Rules& out) {
  out = Rules{};
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return Status::Invalid(Where(origin, e.source()) + std::string(e.description()));
  }
  bool has_version = false;
  for (const auto& [key, node] : root) {
    std::string_view name = key.str();
    if (name == "version") {
      const auto* value = node.as_string();
      if (!value || value->get().empty())
        return Status::Invalid(Where(origin, node.source()) + "key 'version' must be a non-empty string");
      out.version = value->get();
      has_version = true;
    } else if (name == "rule") {
      const toml::array* array = node.as_array();
      if (!array || !array->is_array_of_tables())
        return Status::Invalid(Where(origin, node.source()) + "key 'rule' must be written as [[rule]] tables");
      for (const toml::node& item : *array) {
        Rule rule;
        Status s = ReadRule(origin, *item.as_table(), rule);
        if (!s.ok()) return s;
        out.rules.push_back(std::move(rule));
      }
    } else {
      return Status::Invalid(Where(origin, key.source()) + "unknown key '" + std::string(name) +
                             "' (expected version or [[rule]])");
    }
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

}  // namespace framework_share
