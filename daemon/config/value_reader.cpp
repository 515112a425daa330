//===----------------------------------------------------------------------===//
// mltrendd — config/value_reader.cpp
//===----------------------------------------------------------------------===//
// Turns one TOML value (or a declared default) into the ConfigValue its key
// declares, and words the mismatch when it cannot.

#include <charconv>
#include <cstdint>
#include <limits>
#include <sstream>

#include "config_internal.hpp"
#include "mltrend/config_reader.hpp"
#include "mltrendd/config/config.hpp"

namespace mltrendd::config_detail {
namespace {

using mltrend::ConfigType;
using mltrend::ConfigValue;

constexpr size_t kMaxShownChars = 40;

std::string Quote(std::string_view text) {
  if (text.size() > kMaxShownChars) return "\"" + std::string(text.substr(0, kMaxShownChars)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

std::filesystem::path ResolvePath(const std::string& text, const std::filesystem::path& base_dir) {
  std::filesystem::path path(text);
  // An empty path means "not set" (e.g. ca_file), never "the config directory".
  if (text.empty() || path.is_absolute()) return path;
  return (base_dir / path).lexically_normal();
}

bool ReadDuration(const toml::node& node, std::chrono::milliseconds& out, std::string& what) {
  if (const auto* text = node.as_string()) {
    mltrend::Status s = mltrend::ParseDuration(text->get(), out);
    if (!s.ok()) what = Expectation(ConfigType::kDuration) + ", got " + DescribeNode(node);
    if (!s.ok() && s.message().find("too large") != std::string::npos) what += " (out of range: at most 36500d)";
    return s.ok();
  }
  if (const auto* number = node.as_integer()) {
    // A bare integer is seconds, as a bare number string is for ParseDuration.
    const int64_t seconds = number->get();
    if (seconds < 0 || seconds > mltrend::kMaxDurationMillis / 1000) {
      what = Expectation(ConfigType::kDuration) + ", got " + DescribeNode(node) + " (out of range)";
      return false;
    }
    out = std::chrono::seconds(seconds);
    return true;
  }
  what = Expectation(ConfigType::kDuration) + ", got " + DescribeNode(node);
  return false;
}

}  // namespace

std::string Expectation(ConfigType type) {
  switch (type) {
    case ConfigType::kString:
      return "expected a string";
    case ConfigType::kInt:
      return "expected an integer";
    case ConfigType::kBool:
      return "expected a boolean (true or false)";
    case ConfigType::kDuration:
      return "expected a duration like \"90s\" (ms, s, m, h, d)";
    case ConfigType::kStringList:
      return "expected an array of strings";
    case ConfigType::kPath:
      return "expected a path string";
  }
  return "expected a value of an unknown type";
}

std::string_view TypeName(ConfigType type) {
  switch (type) {
    case ConfigType::kString:
      return "string";
    case ConfigType::kInt:
      return "integer";
    case ConfigType::kBool:
      return "boolean";
    case ConfigType::kDuration:
      return "duration";
    case ConfigType::kStringList:
      return "string list";
    case ConfigType::kPath:
      return "path";
  }
  return "unknown";
}

std::string DescribeNode(const toml::node& node) {
  std::ostringstream text;
  switch (node.type()) {
    case toml::node_type::string:
      return "string " + Quote(node.as_string()->get());
    case toml::node_type::integer:
      return "integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      text << "float " << node.as_floating_point()->get();
      return text.str();
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "boolean true" : "boolean false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

bool ReadValue(const toml::node& node, const mltrend::ConfigKey& key, const std::filesystem::path& base_dir,
               ConfigValue& out, std::string& what, toml::source_position& at) {
  at = node.source().begin;
  switch (key.type) {
    case ConfigType::kString:
    case ConfigType::kPath:
      if (const auto* text = node.as_string()) {
        if (key.type == ConfigType::kString) {
          out = text->get();
        } else {
          out = ResolvePath(text->get(), base_dir).string();
        }
        return true;
      }
      break;
    case ConfigType::kInt:
      if (const auto* number = node.as_integer()) {
        out = number->get();
        return true;
      }
      break;
    case ConfigType::kBool:
      if (const auto* flag = node.as_boolean()) {
        out = flag->get();
        return true;
      }
      break;
    case ConfigType::kDuration: {
      std::chrono::milliseconds duration{0};
      if (!ReadDuration(node, duration, what)) return false;
      out = duration;
      return true;
    }
    case ConfigType::kStringList:
      if (const auto* array = node.as_array()) {
        std::vector<std::string> items;
        for (size_t i = 0; i < array->size(); ++i) {
          const toml::node& item = *array->get(i);
          const auto* text = item.as_string();
          if (!text) {
            what = Expectation(key.type) + ", got " + DescribeNode(item) + " at index " + std::to_string(i);
            at = item.source().begin;
            return false;
          }
          items.push_back(text->get());
        }
        out = std::move(items);
        return true;
      }
      break;
  }
  what = Expectation(key.type) + ", got " + DescribeNode(node);
  return false;
}

bool ParseDefault(const mltrend::ConfigKey& key, const std::filesystem::path& base_dir, ConfigValue& out,
                  std::string& what) {
  try {
    out = mltrend::DefaultValue(key);
  } catch (const std::exception&) {
    const std::string_view text = key.default_value ? key.default_value : "";
    what = "declares the default " + Quote(text) + " but " +
           Expectation(key.type).substr(std::string("expected ").size()) + " was expected";
    return false;
  }
  if (key.type == ConfigType::kPath) out = ResolvePath(std::get<std::string>(out), base_dir).string();
  return true;
}

}  // namespace mltrendd::config_detail
