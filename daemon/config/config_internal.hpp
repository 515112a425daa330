//===----------------------------------------------------------------------===//
// mltrendd — config/config_internal.hpp
//===----------------------------------------------------------------------===//
// Helpers shared by the config loader's files; not part of the daemon API.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "mltrend/config.hpp"

namespace mltrendd::config_detail {

//! The declaration of `name` in `keys`, or nullptr.
const mltrend::ConfigKey* FindKey(std::span<const mltrend::ConfigKey> keys, std::string_view name);

//! The closest declared key to a misspelt one, or "" when none is close
//! enough to be a plausible typo.
std::string ClosestKey(std::string_view unknown,
                       std::initializer_list<std::span<const mltrend::ConfigKey>> tables);
//! The closest of `candidates`, or "" (same rule as ClosestKey).
std::string ClosestName(std::string_view unknown, std::initializer_list<std::string_view> candidates);

//! "a string", "an integer", "a duration like \"90s\"", ...: what a key wants.
std::string Expectation(mltrend::ConfigType type);
//! A short type name for documentation ("duration", "string list").
std::string_view TypeName(mltrend::ConfigType type);
//! What a TOML value is, for "got ..." ("integer 5", "string \"yes\"", "a table").
std::string DescribeNode(const toml::node& node);

//! Converts `node` to `key`'s type, resolving a relative path against
//! `base_dir`. On a mismatch returns false, with `what` saying what was
//! expected and what was found and `at` where (a list's bad element).
bool ReadValue(const toml::node& node, const mltrend::ConfigKey& key, const std::filesystem::path& base_dir,
               mltrend::ConfigValue& out, std::string& what, toml::source_position& at);
//! Parses `key.default_value` (TOML-ish text: "1000", "true", "6h", "a,b")
//! to `key`'s type. False with `what` when the declaration itself is wrong.
bool ParseDefault(const mltrend::ConfigKey& key, const std::filesystem::path& base_dir, mltrend::ConfigValue& out,
                  std::string& what);

}  // namespace mltrendd::config_detail
