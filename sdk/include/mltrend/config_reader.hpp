//===----------------------------------------------------------------------===//
// mltrend SDK — config_reader.hpp
//===----------------------------------------------------------------------===//
// The one reader of a key table: defaults, bounds, allowed values and named
// parsers are checked here, by the daemon when it loads a config file and by
// a plugin's ReadSettings, so a check is written once and worded the same.
#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/status.hpp"

namespace mltrend {

//! Milliseconds per duration unit ("" and "s" are seconds), or 0 for an
//! unknown unit.
inline int64_t DurationUnitMillis(std::string_view unit) {
  if (unit.empty() || unit == "s") return 1'000;
  if (unit == "ms") return 1;
  if (unit == "m") return 60'000;
  if (unit == "h") return 3'600'000;
  if (unit == "d") return 86'400'000;
  return 0;
}

//! The longest duration a config may give (36500d, about a century): a
//! time point that far ahead still fits the clocks' nanosecond counts.
inline constexpr int64_t kMaxDurationMillis = 36500LL * 86'400'000;

//! Parses "250ms", "90s", "15m", "6h", "2d" (or a bare number of seconds),
//! up to kMaxDurationMillis. The message quotes the text and says what
//! was expected.
inline Status ParseDuration(std::string_view text, std::chrono::milliseconds& out) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  const size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
  if (digits == 0) {
    return Status::Invalid("invalid duration " + quoted +
                           ": expected a whole number followed by ms, s, m, h or d, like \"90s\"");
  }
  const std::string_view unit = text.substr(digits);
  const int64_t per_unit = DurationUnitMillis(unit);
  if (per_unit == 0) {
    return Status::Invalid("invalid duration " + quoted + ": unknown unit '" + std::string(unit) +
                           "' (use ms, s, m, h or d)");
  }
  int64_t count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, count);
  if (ec != std::errc() || end != text.data() + digits || count > kMaxDurationMillis / per_unit) {
    return Status::Invalid("invalid duration " + quoted + ": too large (at most 36500d)");
  }
  out = std::chrono::milliseconds(count * per_unit);
  return Status::Ok();
}

//! `d` in the largest unit that divides it, as a user would write it ("2h").
inline std::string FormatDuration(std::chrono::milliseconds d) {
  constexpr std::pair<int64_t, const char*> kUnits[] = {{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}};
  for (const auto& [millis, unit] : kUnits) {
    if (d.count() != 0 && d.count() % millis == 0) return std::to_string(d.count() / millis) + unit;
  }
  return std::to_string(d.count()) + "ms";
}

//! What `key`'s bounds accept, worded for a message or the docs ("1 to 100",
//! "0 or more", "at least 1", "longer than zero"); "" when it has none.
inline std::string DescribeBounds(const ConfigKey& key) {
  const bool lo = key.min != kConfigNoMin;
  const bool hi = key.max != kConfigNoMax;
  if (!lo && !hi) return "";
  auto shown = [&](int64_t n) {
    if (key.type == ConfigType::kDuration) return FormatDuration(std::chrono::milliseconds(n));
    return std::to_string(n);
  };
  std::string items = key.type == ConfigType::kStringList ? (key.max == 1 || (!hi && key.min == 1) ? " item" : " items") : "";
  if (key.type == ConfigType::kDuration && key.min == 1 && !hi) return "longer than zero";
  if (lo && hi) return shown(key.min) + " to " + shown(key.max) + items;
  if (hi) return "at most " + shown(key.max) + items;
  if (key.min == 0 && key.type != ConfigType::kStringList) return "0 or more";
  return "at least " + shown(key.min) + items;
}

//! What `key`'s allowed values are, worded for a message or the docs
//! ("trace, debug, info" or "stars, forks or \"\"").
inline std::string DescribeAllowed(const ConfigKey& key) {
  if (!key.allowed) return "";
  std::string out;
  for (std::string_view item : config_detail::ListItems(key.allowed)) out.append(out.empty() ? "" : ", ").append(item);
  return key.allowed_empty ? out + " or \"\"" : out;
}

//! Whether `value` is one of `key`'s allowed values (always, without a list).
inline bool IsAllowed(const ConfigKey& key, std::string_view value) {
  if (!key.allowed || (value.empty() && key.allowed_empty)) return true;
  return config_detail::ListIndex(key.allowed, value) != std::string_view::npos;
}

//! Checks a value of `key`'s type against its bounds, allowed values and
//! named parser. The message leaves the key out: the caller names it (the
//! daemon next to file:line:column).
inline Status CheckValue(const ConfigKey& key, const ConfigValue& value) {
  int64_t n = 0;
  std::string got;
  if (const auto* number = std::get_if<int64_t>(&value)) {
    n = *number;
    got = std::to_string(n);
  } else if (const auto* duration = std::get_if<std::chrono::milliseconds>(&value)) {
    n = duration->count();
    got = FormatDuration(*duration);
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    n = static_cast<int64_t>(list->size());
    got = std::to_string(n);
  }
  if (!std::holds_alternative<std::string>(value) && !std::holds_alternative<bool>(value) &&
      (n < key.min || n > key.max)) {
    if (key.type == ConfigType::kDuration && key.min == 1 && key.max == kConfigNoMax) {
      return Status::Invalid("must be longer than zero");
    }
    const char* verb = key.type == ConfigType::kStringList ? "must hold " : "must be ";
    return Status::Invalid(verb + DescribeBounds(key) + ", got " + got);
  }
  if (const auto* text = std::get_if<std::string>(&value); text && !IsAllowed(key, *text)) {
    return Status::Invalid("expected one of " + DescribeAllowed(key) + ", got \"" + *text + "\"");
  }
  return key.check ? key.check(value) : Status::Ok();
}

//! `key`'s declared default as a value of its type; a malformed default is
//! a plugin bug and throws std::logic_error. A list default is written
//! "a,b,c" ("" is the empty list); a duration "90s", "15m", "6h", "2d", "250ms".
inline ConfigValue DefaultValue(const ConfigKey& key) {
  const std::string_view text = key.default_value ? key.default_value : "";
  auto malformed = [&] { return std::logic_error("malformed default of config key " + std::string(key.name)); };
  auto number = [&](std::string_view digits) {
    const size_t sign = !digits.empty() && digits.front() == '-' ? 1 : 0;
    if (digits.size() == sign || digits.find_first_not_of("0123456789", sign) != std::string_view::npos)
      throw malformed();
    return std::stoll(std::string(digits));
  };
  switch (key.type) {
    case ConfigType::kString:
    case ConfigType::kPath:
      return std::string(text);
    case ConfigType::kInt:
      return static_cast<int64_t>(number(text));
    case ConfigType::kBool:
      if (text != "true" && text != "false") throw malformed();
      return text == "true";
    case ConfigType::kDuration: {
      std::chrono::milliseconds duration{0};
      if (!ParseDuration(text, duration).ok()) throw malformed();
      return duration;
    }
    case ConfigType::kStringList: {
      std::vector<std::string> out;
      for (std::string_view item : config_detail::ListItems(text)) out.emplace_back(item);
      return out;
    }
  }
  throw malformed();
}

//! Reads and checks every key of `keys`: the value in `values`, else the
//! key's default; when `settings` is not null, lands each checked value
//! there through the key's `land`. On failure `bad_key` names the key and
//! the message leaves it out.
inline Status ReadKeysInto(const ConfigValues& values, std::span<const ConfigKey> keys, void* settings,
                           std::string& bad_key) {
  for (const ConfigKey& key : keys) {
    const ConfigValue* given = values.Find(key.name);
    if (!given && !key.default_value) {
      bad_key = key.name;
      return Status::Invalid("is required");
    }
    const ConfigValue value = given ? *given : DefaultValue(key);
    if (Status s = CheckValue(key, value); !s.ok()) {
      bad_key = key.name;
      return s;
    }
    if (key.land && settings) key.land(key, value, settings);
  }
  return Status::Ok();
}

//! Checks every key of `keys` (a plugin without a settings struct).
inline Status CheckKeys(const ConfigValues& values, std::span<const ConfigKey> keys, std::string& bad_key) {
  return ReadKeysInto(values, keys, nullptr, bad_key);
}

//! Reads, checks and lands every key of `keys` into `settings`: a plugin's
//! whole ReadSettings but for checks across keys.
template <typename Settings>
Status ReadKeys(const ConfigValues& values, std::span<const ConfigKey> keys, Settings& settings,
                std::string& bad_key) {
  return ReadKeysInto(values, keys, &settings, bad_key);
}

//! `s` with `key` named in front of its message ("limit: must be ...").
inline Status NameKey(const Status& s, const std::string& key) {
  return s.ok() || key.empty() ? s : Status(s.code(), key + ": " + s.message());
}

//! ReadKeys with the key named in the message.
template <typename Settings>
Status ReadKeys(const ConfigValues& values, std::span<const ConfigKey> keys, Settings& settings) {
  std::string bad_key;
  return NameKey(ReadKeys(values, keys, settings, bad_key), bad_key);
}

//! Reads a plugin's declared keys, falling back to the key's declared default
//! when the table lacks it. The daemon always fills every declared key, but a
//! plugin's unit tests and its validate hook may see a partial table; reading
//! through this keeps one source of defaults: the ConfigKey table.
class ConfigReader {
 public:
  template <size_t N>
  ConfigReader(const ConfigValues& values, const ConfigKey (&keys)[N]) : values_(values), keys_(keys), count_(N) {}
  ConfigReader(const ConfigValues& values, const ConfigKey* keys, size_t count)
      : values_(values), keys_(keys), count_(count) {}

  std::string String(std::string_view name) const { return std::get<std::string>(Value(name)); }
  int64_t Int(std::string_view name) const { return std::get<int64_t>(Value(name)); }
  bool Bool(std::string_view name) const { return std::get<bool>(Value(name)); }
  std::chrono::milliseconds Duration(std::string_view name) const {
    return std::get<std::chrono::milliseconds>(Value(name));
  }
  std::vector<std::string> List(std::string_view name) const { return std::get<std::vector<std::string>>(Value(name)); }

 private:
  ConfigValue Value(std::string_view name) const {
    if (const ConfigValue* given = values_.Find(name)) return *given;
    for (size_t i = 0; i < count_; ++i) {
      if (name == keys_[i].name) return DefaultValue(keys_[i]);
    }
    throw std::logic_error("plugin reads an undeclared config key: " + std::string(name));
  }

  const ConfigValues& values_;
  const ConfigKey* keys_;
  size_t count_;
};

}  // namespace mltrend
