//===----------------------------------------------------------------------===//
// mltrend SDK — config_reader.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"

namespace mltrend {

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

  std::string String(std::string_view name) const {
    return values_.Has(name) ? values_.GetString(name) : std::string(Default(name));
  }
  int64_t Int(std::string_view name) const {
    return values_.Has(name) ? values_.GetInt(name) : std::stoll(std::string(Default(name)));
  }
  bool Bool(std::string_view name) const { return values_.Has(name) ? values_.GetBool(name) : Default(name) == "true"; }
  std::chrono::milliseconds Duration(std::string_view name) const {
    return values_.Has(name) ? values_.GetDuration(name) : ParseDefaultDuration(name, Default(name));
  }
  //! A list default is written "a,b,c"; "" is the empty list.
  std::vector<std::string> List(std::string_view name) const {
    if (values_.Has(name)) return values_.GetStringList(name);
    std::vector<std::string> out;
    std::string_view text = Default(name);
    while (!text.empty()) {
      size_t comma = text.find(',');
      out.emplace_back(text.substr(0, comma));
      if (comma == std::string_view::npos) break;
      text.remove_prefix(comma + 1);
    }
    return out;
  }

 private:
  std::string_view Default(std::string_view name) const {
    for (size_t i = 0; i < count_; ++i) {
      if (name == keys_[i].name) return keys_[i].default_value ? keys_[i].default_value : "";
    }
    throw std::logic_error("plugin reads an undeclared config key: " + std::string(name));
  }
  //! "90s", "15m", "6h", "2d" or bare seconds; a malformed default is a plugin bug.
  static std::chrono::milliseconds ParseDefaultDuration(std::string_view name, std::string_view text) {
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) throw std::logic_error("malformed default duration of key " + std::string(name));
    const int64_t n = std::stoll(std::string(text.substr(0, digits)));
    const std::string_view unit = text.substr(digits);
    int64_t ms_per = 1000;
    if (unit == "ms") ms_per = 1;
    else if (unit == "m") ms_per = 60'000;
    else if (unit == "h") ms_per = 3'600'000;
    else if (unit == "d") ms_per = 86'400'000;
    else if (!unit.empty() && unit != "s") throw std::logic_error("malformed default duration of key " + std::string(name));
    return std::chrono::milliseconds(n * ms_per);
  }

  const ConfigValues& values_;
  const ConfigKey* keys_;
  size_t count_;
};

}  // namespace mltrend
