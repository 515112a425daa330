//===----------------------------------------------------------------------===//
// mltrend SDK — config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mltrend {

//! The type of a configuration key; the daemon checks a value against it.
enum class ConfigType {
  kString,
  kInt,
  kBool,
  kDuration,    //!< "90s", "15m", "6h", "2d" (or a bare integer of seconds)
  kStringList,  //!< an array of strings
  kPath,        //!< a string; a relative path is taken relative to the config file
};

//! One key a plugin accepts in its `[[source]]` / `[[sink]]` table, declared
//! once (Fluent Bit's config_map): the table drives parsing, validation,
//! defaults, unknown-key errors and `mltrendd --help-config` documentation.
struct ConfigKey {
  const char* name;
  ConfigType type;
  //! Default as TOML-ish text ("1000", "true", "6h", "a,b" for lists);
  //! nullptr means the key is required.
  const char* default_value;
  const char* help;
};

//! A checked configuration value.
using ConfigValue =
    std::variant<std::string, int64_t, bool, std::chrono::milliseconds, std::vector<std::string>>;

//! A plugin's validated configuration: every declared key is present (with
//! its default when the user gave none) and has its declared type, so the
//! getters cannot fail for a declared key. Getting an undeclared key, or a
//! declared key as the wrong type, is a plugin bug and throws.
class ConfigValues {
 public:
  void Set(std::string key, ConfigValue v) { values_[std::move(key)] = std::move(v); }
  bool Has(std::string_view key) const { return values_.find(key) != values_.end(); }

  const std::string& GetString(std::string_view key) const { return Get<std::string>(key); }
  int64_t GetInt(std::string_view key) const { return Get<int64_t>(key); }
  bool GetBool(std::string_view key) const { return Get<bool>(key); }
  std::chrono::milliseconds GetDuration(std::string_view key) const {
    return Get<std::chrono::milliseconds>(key);
  }
  const std::vector<std::string>& GetStringList(std::string_view key) const {
    return Get<std::vector<std::string>>(key);
  }
  const std::map<std::string, ConfigValue, std::less<>>& All() const { return values_; }

 private:
  template <typename T>
  const T& Get(std::string_view key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::out_of_range("config key not declared: " + std::string(key));
    return std::get<T>(it->second);
  }
  std::map<std::string, ConfigValue, std::less<>> values_;
};

}  // namespace mltrend
