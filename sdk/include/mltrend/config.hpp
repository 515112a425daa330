//===----------------------------------------------------------------------===//
// mltrend SDK — config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "mltrend/status.hpp"

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

//! A checked configuration value.
using ConfigValue =
    std::variant<std::string, int64_t, bool, std::chrono::milliseconds, std::vector<std::string>>;

struct ConfigKey;

//! A named kind's parser (a URL, an IP:port, a date): Ok, or Invalid saying
//! what is wrong with `value` without naming the key (the caller does).
using ConfigCheck = Status (*)(const ConfigValue& value);
//! Stores a checked `value` of `key` into the settings struct at `settings`.
using ConfigLand = void (*)(const ConfigKey& key, const ConfigValue& value, void* settings);

//! No bound on that side (ConfigKey::min / max).
inline constexpr int64_t kConfigNoMin = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kConfigNoMax = std::numeric_limits<int64_t>::max();

//! One key a plugin accepts in its `[[source]]` / `[[sink]]` table, declared
//! once (Fluent Bit's config_map): the table drives parsing, validation
//! (type, bounds, allowed values, a named parser), defaults, where the value
//! lands in the plugin's settings, unknown-key errors and `mltrendd
//! --help-config` documentation. Declared in one line, e.g.
//!   ConfigField<&Settings::per_page>("per_page", "100", "results per page").Range(1, 100),
struct ConfigKey {
  const char* name;
  ConfigType type;
  //! Default as TOML-ish text ("1000", "true", "6h", "a,b" for lists);
  //! nullptr means the key is required.
  const char* default_value;
  const char* help;
  //! Bounds, inclusive: of the value (kInt), of its milliseconds
  //! (kDuration) or of its item count (kStringList).
  int64_t min = kConfigNoMin;
  int64_t max = kConfigNoMax;
  //! kString: the only values accepted, "a,b,c"; nullptr accepts any.
  const char* allowed = nullptr;
  bool allowed_empty = false;  //!< with `allowed`: "" is accepted too
  const char* kind = nullptr;  //!< the named parser's name, for the docs ("IP:port", "URL")
  ConfigCheck check = nullptr;  //!< the named parser, run after the bounds
  ConfigLand land = nullptr;    //!< where the value lands; nullptr: nowhere (read by hand)

  //! The same key accepting values from `lo` up.
  constexpr ConfigKey AtLeast(int64_t lo) const { return With(lo, max); }
  //! The same key accepting values from `lo` to `hi`.
  constexpr ConfigKey Range(int64_t lo, int64_t hi) const { return With(lo, hi); }
  //! The same key accepting only the comma-separated `values` (and "" when `or_empty`).
  constexpr ConfigKey OneOf(const char* values, bool or_empty = false) const {
    ConfigKey k = *this;
    k.allowed = values;
    k.allowed_empty = or_empty;
    return k;
  }
  //! The same key checked by the named parser `parse`, documented as `kind_name`.
  constexpr ConfigKey Parsed(const char* kind_name, ConfigCheck parse) const {
    ConfigKey k = *this;
    k.kind = kind_name;
    k.check = parse;
    return k;
  }
  //! The same key landing through `setter` (a value that is stored differently
  //! from how it is written, e.g. a date as a day number).
  constexpr ConfigKey LandsBy(ConfigLand setter) const {
    ConfigKey k = *this;
    k.land = setter;
    return k;
  }

 private:
  constexpr ConfigKey With(int64_t lo, int64_t hi) const {
    ConfigKey k = *this;
    k.min = lo;
    k.max = hi;
    return k;
  }
};

namespace config_detail {

template <typename T>
struct MemberOf;
template <typename C, typename M>
struct MemberOf<M C::*> {
  using Class = C;
  using Type = M;
};

template <typename T>
struct IsDuration : std::false_type {};
template <typename R, typename P>
struct IsDuration<std::chrono::duration<R, P>> : std::true_type {};

//! The ConfigType of a settings field: an enum is a kString chosen from the
//! key's `allowed` list (its value is the index there).
template <typename F>
constexpr ConfigType TypeOf() {
  if constexpr (std::is_same_v<F, bool>) return ConfigType::kBool;
  else if constexpr (std::is_integral_v<F>) return ConfigType::kInt;
  else if constexpr (IsDuration<F>::value) return ConfigType::kDuration;
  else if constexpr (std::is_same_v<F, std::vector<std::string>>) return ConfigType::kStringList;
  else if constexpr (std::is_same_v<F, std::filesystem::path>) return ConfigType::kPath;
  else return ConfigType::kString;
}

//! The items of a comma-separated list, in order ("a,b,c"; "" has none):
//! how an allowed-values list and a list default are written.
inline std::vector<std::string_view> ListItems(std::string_view list) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    items.push_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return items;
}

//! The index of `value` among ListItems(list), or std::string_view::npos.
inline size_t ListIndex(std::string_view list, std::string_view value) {
  const std::vector<std::string_view> items = ListItems(list);
  for (size_t index = 0; index < items.size(); ++index)
    if (items[index] == value) return index;
  return std::string_view::npos;
}

//! The index of `value` in the comma-separated `list` (0 when absent: the
//! value was checked against the list before it lands).
inline size_t ChoiceIndex(std::string_view list, std::string_view value) {
  const size_t index = ListIndex(list, value);
  return index == std::string_view::npos ? 0 : index;
}

template <auto Member>
void LandMember(const ConfigKey& key, const ConfigValue& value, void* settings) {
  using Traits = MemberOf<decltype(Member)>;
  using F = typename Traits::Type;
  F& field = static_cast<typename Traits::Class*>(settings)->*Member;
  if constexpr (std::is_enum_v<F>) {
    field = static_cast<F>(ChoiceIndex(key.allowed ? key.allowed : "", std::get<std::string>(value)));
  } else if constexpr (std::is_same_v<F, bool>) {
    field = std::get<bool>(value);
  } else if constexpr (std::is_integral_v<F>) {
    field = static_cast<F>(std::get<int64_t>(value));
  } else if constexpr (IsDuration<F>::value) {
    field = std::chrono::duration_cast<F>(std::get<std::chrono::milliseconds>(value));
  } else if constexpr (std::is_same_v<F, std::vector<std::string>>) {
    field = std::get<std::vector<std::string>>(value);
  } else {
    field = F(std::get<std::string>(value));
  }
}

}  // namespace config_detail

//! A key that lands in the settings field `Member`, its type following the
//! field's (bool, integer, duration, string list, path, string; an enum is
//! a string chosen with OneOf, stored as its index there).
template <auto Member>
constexpr ConfigKey ConfigField(const char* name, const char* default_value, const char* help) {
  using F = typename config_detail::MemberOf<decltype(Member)>::Type;
  return ConfigKey{name, config_detail::TypeOf<F>(), default_value, help, kConfigNoMin, kConfigNoMax, nullptr,
                   false, nullptr, nullptr, &config_detail::LandMember<Member>};
}

//! `url` without trailing '/': a URL root as a source joins paths to it.
inline std::string_view UrlRoot(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url;
}

//! A ConfigLand storing a URL root string into `Member` without its trailing
//! '/' (LandsBy(&LandUrlRoot<&Settings::base_url>)).
template <auto Member>
void LandUrlRoot(const ConfigKey&, const ConfigValue& value, void* settings) {
  using Class = typename config_detail::MemberOf<decltype(Member)>::Class;
  static_cast<Class*>(settings)->*Member = std::string(UrlRoot(std::get<std::string>(value)));
}

//! A plugin's validated configuration: every declared key is present (with
//! its default when the user gave none) and has its declared type, so the
//! getters cannot fail for a declared key. Getting an undeclared key, or a
//! declared key as the wrong type, is a plugin bug and throws.
class ConfigValues {
 public:
  void Set(std::string key, ConfigValue v) { values_[std::move(key)] = std::move(v); }
  bool Has(std::string_view key) const { return values_.find(key) != values_.end(); }
  //! The value of `key`, or nullptr when the table lacks it.
  const ConfigValue* Find(std::string_view key) const {
    auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
  }

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
