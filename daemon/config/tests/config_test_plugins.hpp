//===----------------------------------------------------------------------===//
// mltrendd tests — config/tests/config_test_plugins.hpp
//===----------------------------------------------------------------------===//
// Plugin descriptors for the config tests, declared the way a real plugin
// declares them, and a PluginLookup over them. Loading real .so files is the
// plugin tests' business; LoadConfig only ever sees a descriptor.
#pragma once

#include <string>

#include "mltrendd/config/config.hpp"

namespace config_test {

using mltrend::ConfigType;

inline constexpr mltrend::ConfigKey kHubKeys[] = {
    {"base_url", ConfigType::kString, "https://huggingface.co", "Hub API root."},
    {"limit", ConfigType::kInt, "1000", "Models per page."},
    {"queries", ConfigType::kStringList, "", "Search terms."},
    {"full", ConfigType::kBool, "false", "Fetch full model cards."},
    {"page_delay", ConfigType::kDuration, "250ms", "Pause between pages."},
};

inline constexpr mltrend::ConfigKey kShareKeys[] = {
    {"rules", ConfigType::kPath, "rules/frameworks.toml", "Framework rules file."},
    {"buckets", ConfigType::kStringList, "month,quarter", "Time buckets."},
};

inline constexpr mltrend::ConfigKey kBrokenKeys[] = {
    {"limit", ConfigType::kInt, "lots", "A default that is not an integer."},
};

//! Like a real plugin's Validate: what the key table cannot say. `limit`
//! must be positive; `full = true` needs at least one of `queries`.
inline mltrend::Status ValidateHub(const mltrend::ConfigValues& values, std::string& bad_key) {
  if (values.GetInt("limit") < 1) {
    bad_key = "limit";
    return mltrend::Status::Invalid("must be positive, got " + std::to_string(values.GetInt("limit")));
  }
  if (values.GetBool("full") && values.GetStringList("queries").empty()) {
    bad_key = "queries";
    return mltrend::Status::Invalid("must name at least one search term when full = true");
  }
  return mltrend::Status::Ok();
}

inline const mltrend::PluginDescriptor kHub{mltrend::PluginKind::kSource, "huggingface", "1.0.0", "0.1.0",
                                            "Hub models", kHubKeys, std::size(kHubKeys), nullptr, nullptr,
                                            ValidateHub};
inline const mltrend::PluginDescriptor kShare{mltrend::PluginKind::kSink, "framework_share", "1.0.0", "0.1.0",
                                              "Framework share", kShareKeys, std::size(kShareKeys), nullptr, nullptr,
                                              nullptr};
inline const mltrend::PluginDescriptor kBroken{mltrend::PluginKind::kSource, "broken", "1.0.0", "0.1.0",
                                               "Bad default", kBrokenKeys, std::size(kBrokenKeys), nullptr, nullptr,
                                               nullptr};

//! Knows huggingface (source), framework_share (sink) and broken (source).
inline mltrendd::PluginLookup TestLookup() {
  return [](const mltrendd::DaemonSettings&, const std::string& name, std::string& why)
             -> const mltrend::PluginDescriptor* {
    if (name == "huggingface") return &kHub;
    if (name == "framework_share") return &kShare;
    if (name == "broken") return &kBroken;
    why = "the test lookup knows huggingface, framework_share and broken";
    return nullptr;
  };
}

}  // namespace config_test
