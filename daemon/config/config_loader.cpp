//===----------------------------------------------------------------------===//
// mltrendd — config/config_loader.cpp
//===----------------------------------------------------------------------===//
// LoadConfig: one pass over the TOML document, driven by the key tables.
// Every error is "<file>:<line>:<col>: <where> <key>: <what>" and the first
// one found (in document order within a table) is returned.

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "config_internal.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrend/config_reader.hpp"
#include "mltrend/toml_guard.hpp"

namespace mltrendd {
namespace {

namespace fs = std::filesystem;
using mltrend::ConfigKey;
using mltrend::ConfigType;
using mltrend::ConfigValues;
using mltrend::PluginKind;
using mltrend::Status;
using mltrend::TomlTextProblem;
using mltrend::CheckTomlText;
using mltrend::OneLine;
using namespace config_detail;

//! A `[[source]]` or `[[sink]]` table after validation.
struct Instance {
  std::string name;
  std::string plugin;
  ConfigValues own;     //!< the daemon's keys for this kind
  ConfigValues values;  //!< the plugin's keys, plus "name"
  int line = 0;
};

std::string KindName(PluginKind kind) { return kind == PluginKind::kSource ? "source" : "sink"; }

//! The entries of a table in the order the user wrote them (toml++ keeps
//! them sorted by name), so the first error reported is the first in the file.
std::vector<std::pair<const toml::key*, const toml::node*>> InDocumentOrder(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });
  return entries;
}

//! " (at key 'K')" when line `line` of `text` starts with a bare key `K =`:
//! toml++ names the bad value ("could not determine value type") but not
//! the key it belongs to.
std::string KeyOfLine(std::string_view text, size_t line) {
  for (size_t n = 1; n < line; ++n) {
    const size_t newline = text.find('\n');
    if (newline == std::string_view::npos) return "";
    text.remove_prefix(newline + 1);
  }
  text = text.substr(0, text.find('\n'));
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  size_t end = start;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '-'))
    ++end;
  const size_t eq = text.find_first_not_of(" \t", end);
  if (end == start || eq == std::string_view::npos || text[eq] != '=') return "";
  return " (at key '" + std::string(text.substr(start, end - start)) + "')";
}

//! Each instance's own keys (name, plugin, interval, ...) read through
//! `keys` into a SourceConfig or SinkConfig, with its plugin's values.
template <typename T>
Status Land(std::vector<Instance>& instances, std::span<const ConfigKey> keys, std::vector<T>& out) {
  for (Instance& instance : instances) {
    T config;
    if (Status s = mltrend::ReadKeys(instance.own, keys, config); !s.ok()) return s;
    config.values = std::move(instance.values);
    config.line = instance.line;
    out.push_back(std::move(config));
  }
  return Status::Ok();
}

class ConfigLoader {
 public:
  ConfigLoader(const fs::path& file, const PluginLookup& lookup)
      : file_(fs::absolute(file).lexically_normal()), shown_(file.string()), lookup_(lookup) {
    base_dir_ = file_.parent_path();
  }

  Status Load(Config& out) {
    std::string text;
    if (Status s = ReadText(text); !s.ok()) return s;
    if (TomlTextProblem problem; !CheckTomlText(text, problem)) {
      const toml::source_position at{static_cast<toml::source_index>(problem.line),
                                     static_cast<toml::source_index>(problem.column)};
      return Error(at, "", "", "TOML syntax error: " + problem.what);
    }
    toml::table root;
    try {
      root = toml::parse(std::string_view(text), std::string_view(shown_));
    } catch (const toml::parse_error& e) {
      return Error(e.source().begin, "", "",
                   "TOML syntax error: " + std::string(e.description()) + KeyOfLine(text, e.source().begin.line));
    }
    Config config;
    config.file = file_;
    if (Status s = CheckTopLevel(root); !s.ok()) return s;
    if (Status s = LoadDaemon(root, config.daemon); !s.ok()) return s;
    std::vector<Instance> sources;
    std::vector<Instance> sinks;
    if (Status s = LoadInstances(root, PluginKind::kSource, config.daemon, sources); !s.ok()) return s;
    if (Status s = LoadInstances(root, PluginKind::kSink, config.daemon, sinks); !s.ok()) return s;
    if (Status s = Land(sources, SourceKeys(), config.sources); !s.ok()) return s;
    if (Status s = Land(sinks, SinkKeys(), config.sinks); !s.ok()) return s;
    out = std::move(config);
    return Status::Ok();
  }

 private:
  Status Error(const toml::source_position& at, std::string_view where, std::string_view key,
               std::string_view what) const {
    std::string message = shown_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
    if (!where.empty()) message += std::string(where);
    if (!key.empty()) message += (where.empty() ? "" : " ") + std::string(key);
    if (!where.empty() || !key.empty()) message += ": ";
    message += std::string(what);
    return Status::Invalid(OneLine(message));
  }

  Status ReadText(std::string& text) const {
    std::error_code ec;
    if (fs::is_directory(file_, ec)) return Status::Invalid(shown_ + ": is a directory, not a config file");
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      const int err = errno;
      return Status::IoError(shown_ + ": cannot open the config file: " + std::strerror(err));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return Status::IoError(shown_ + ": cannot read the config file");
    text = content.str();
    return Status::Ok();
  }

  Status CheckTopLevel(const toml::table& root) const {
    for (const auto& [key, node] : InDocumentOrder(root)) {
      const std::string name(key->str());
      if (name == "daemon" || name == "source" || name == "sink") continue;
      const std::string guess = ClosestName(name, {"daemon", "source", "sink"});
      return Error(key->source().begin, "", "",
                   "unknown top-level key '" + name + "' " +
                       (guess.empty() ? "(a config file holds only [daemon], [[source]] and [[sink]])"
                                      : "(did you mean '" + guess + "'?)"));
    }
    return Status::Ok();
  }

  //! Validates every entry of `table` against the daemon's `own` keys and the
  //! plugin's keys, then fills in defaults and reports missing required keys.
  Status ReadTable(const toml::table& table, std::string_view where, std::span<const ConfigKey> own,
                   const mltrend::PluginDescriptor* plugin, ConfigValues& own_values,
                   ConfigValues& plugin_values) const {
    std::span<const ConfigKey> plugin_keys;
    if (plugin && plugin->keys) plugin_keys = std::span<const ConfigKey>(plugin->keys, plugin->key_count);
    for (const auto& [key, node] : InDocumentOrder(table)) {
      const std::string name(key->str());
      const ConfigKey* own_key = FindKey(own, name);
      const ConfigKey* plugin_key = FindKey(plugin_keys, name);
      if (!own_key && !plugin_key) {
        const std::string guess = ClosestKey(name, {own, plugin_keys});
        return Error(key->source().begin, where, "",
                     "unknown key '" + name + "'" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
      }
      for (auto [declared, values] : {std::pair{own_key, &own_values}, std::pair{plugin_key, &plugin_values}}) {
        if (!declared) continue;
        mltrend::ConfigValue value;
        std::string what;
        toml::source_position at;
        if (!ReadValue(*node, *declared, base_dir_, value, what, at)) return Error(at, where, name, what);
        if (Status s = mltrend::CheckValue(*declared, value); !s.ok()) return Error(at, where, name, s.message());
        values->Set(name, std::move(value));
      }
    }
    const toml::source_position header = table.source().begin;
    for (auto [keys, values] : {std::pair{own, &own_values}, std::pair{plugin_keys, &plugin_values}}) {
      for (const ConfigKey& key : keys) {
        if (!key.name || values->Has(key.name)) continue;
        if (!key.default_value) return Error(header, where, "", "missing required key '" + std::string(key.name) + "'");
        mltrend::ConfigValue value;
        std::string what;
        if (!ParseDefault(key, base_dir_, value, what)) {
          const std::string owner = values == &own_values ? "mltrendd" : "plugin '" + std::string(plugin->name) + "'";
          return Error(header, where, key.name, owner + " " + what);
        }
        if (Status s = mltrend::CheckValue(key, value); !s.ok()) return Error(header, where, key.name, s.message());
        values->Set(key.name, std::move(value));
      }
    }
    return Status::Ok();
  }

  //! The plugin's own check of the filled-in values, reported at the key it
  //! names when the user wrote that key, else at the table header (the
  //! default was used, or the plugin named no key).
  Status RunValidateHook(const toml::table& table, std::string_view where, const mltrend::PluginDescriptor& plugin,
                         const ConfigValues& values) const {
    if (!plugin.validate) return Status::Ok();
    std::string bad_key;
    Status s = plugin.validate(values, bad_key);
    if (s.ok()) return s;
    const toml::node* at = bad_key.empty() ? nullptr : table.get(bad_key);
    return Error(at ? at->source().begin : table.source().begin, where, bad_key, s.message());
  }

  Status LoadDaemon(const toml::table& root, DaemonSettings& daemon) const {
    static const toml::table kEmpty;
    const toml::node* node = root.get("daemon");
    if (node && !node->is_table()) {
      return Error(node->source().begin, "[daemon]", "", "expected a table, got " + DescribeNode(*node));
    }
    const toml::table& table = node ? *node->as_table() : kEmpty;
    ConfigValues values;
    ConfigValues unused;
    if (Status s = ReadTable(table, "[daemon]", DaemonKeys(), nullptr, values, unused); !s.ok()) return s;
    return mltrend::ReadKeys(values, DaemonKeys(), daemon);
  }

  Status LoadInstances(const toml::table& root, PluginKind kind, const DaemonSettings& daemon,
                       std::vector<Instance>& out) const {
    const std::string kind_name = KindName(kind);
    const std::string header = "[[" + kind_name + "]]";
    const toml::node* node = root.get(kind_name);
    if (!node) return Status::Ok();
    const toml::array* array = node->as_array();
    if (!array) {
      return Error(node->source().begin, header, "", "expected an array of tables, got " + DescribeNode(*node));
    }
    std::map<std::string, uint32_t, std::less<>> seen;
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      std::string where = header + " #" + std::to_string(i + 1);
      const toml::table* table = element.as_table();
      if (!table) return Error(element.source().begin, where, "", "expected a table, got " + DescribeNode(element));
      const toml::source_position start = table->source().begin;

      Instance instance;
      instance.line = static_cast<int>(start.line);
      const toml::node* name = table->get("name");
      if (!name) return Error(start, where, "", "missing required key 'name'");
      if (!name->is_string()) {
        return Error(name->source().begin, where, "name", Expectation(ConfigType::kString) + ", got " + DescribeNode(*name));
      }
      instance.name = name->as_string()->get();
      if (!IsValidInstanceName(instance.name)) {
        return Error(name->source().begin, where, "name",
                     DescribeNode(*name) + " is not a valid name: use lowercase letters, digits, '_' and '-', "
                                           "starting with a letter or digit");
      }
      where = header + " \"" + instance.name + "\"";
      if (auto [it, fresh] = seen.emplace(instance.name, start.line); !fresh) {
        return Error(name->source().begin, where, "name",
                     "duplicate " + kind_name + " name \"" + instance.name + "\" (first defined on line " +
                         std::to_string(it->second) + ")");
      }

      const toml::node* plugin_node = table->get("plugin");
      if (!plugin_node) return Error(start, where, "", "missing required key 'plugin'");
      if (!plugin_node->is_string()) {
        return Error(plugin_node->source().begin, where, "plugin",
                     Expectation(ConfigType::kString) + ", got " + DescribeNode(*plugin_node));
      }
      instance.plugin = plugin_node->as_string()->get();
      const mltrend::PluginDescriptor* plugin = nullptr;
      std::string why = "no plugin lookup was given";
      if (lookup_) {
        why.clear();
        plugin = lookup_(daemon, instance.plugin, why);
      }
      const toml::source_position plugin_at = plugin_node->source().begin;
      if (!plugin) {
        return Error(plugin_at, where, "plugin", "unknown plugin '" + instance.plugin + "'" + (why.empty() ? "" : ": " + why));
      }
      if (plugin->kind != kind) {
        return Error(plugin_at, where, "plugin",
                     "'" + instance.plugin + "' is a " + KindName(plugin->kind) + " plugin, but " + header +
                         " needs a " + kind_name + " plugin");
      }

      std::span<const ConfigKey> own = kind == PluginKind::kSource ? SourceKeys() : SinkKeys();
      if (Status s = ReadTable(*table, where, own, plugin, instance.own, instance.values); !s.ok()) return s;
      if (kind == PluginKind::kSource &&
          instance.own.GetDuration("backoff_max") < instance.own.GetDuration("backoff_initial")) {
        const toml::node* at = table->get("backoff_max");
        return Error(at ? at->source().begin : start, where, "backoff_max",
                     "must not be shorter than backoff_initial (" +
                         mltrend::FormatDuration(instance.own.GetDuration("backoff_initial")) + ")");
      }
      instance.values.Set("name", instance.name);
      if (Status s = RunValidateHook(*table, where, *plugin, instance.values); !s.ok()) return s;
      out.push_back(std::move(instance));
    }
    return Status::Ok();
  }

  fs::path file_;
  std::string shown_;
  fs::path base_dir_;
  const PluginLookup& lookup_;
};

}  // namespace

mltrend::Status LoadConfig(const std::filesystem::path& file, const PluginLookup& lookup, Config& out) {
  try {
    return ConfigLoader(file, lookup).Load(out);
  } catch (const std::exception& e) {
    // A throwing lookup or an allocation failure: still one line, never a crash.
    return mltrend::Status::Internal(file.string() + ": cannot load the config: " + e.what());
  } catch (...) {
    return mltrend::Status::Internal(file.string() + ": cannot load the config: unknown exception");
  }
}

}  // namespace mltrendd
