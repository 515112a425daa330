//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_config.cpp
//===----------------------------------------------------------------------===//
#include "gh_config.hpp"

#include "gh_dates.hpp"
#include "mltrend/url.hpp"
#include "mltrend/config_reader.hpp"

namespace mltrend::gh {

Status CheckBaseUrl(const ConfigValue& value) {
  Url parsed;
  return ParseUrl(UrlRoot(std::get<std::string>(value)), parsed);
}

Status CheckQueries(const ConfigValue& value) {
  for (const std::string& q : std::get<std::vector<std::string>>(value))
    if (q.empty() || q.find('\n') != std::string::npos) return Status::Invalid("holds an empty or multi-line string");
  return Status::Ok();
}

Status CheckDay(const ConfigValue& value) {
  return ParseDay(std::get<std::string>(value)) ? Status::Ok() : Status::Invalid("must be a date YYYY-MM-DD");
}

Status CheckDayOrEmpty(const ConfigValue& value) {
  const std::string& text = std::get<std::string>(value);
  return text.empty() || ParseDay(text) ? Status::Ok() : Status::Invalid("must be a date YYYY-MM-DD or empty");
}

void LandCreatedSince(const ConfigKey&, const ConfigValue& value, void* settings) {
  static_cast<Settings*>(settings)->created_since = ParseDay(std::get<std::string>(value)).value_or(0);
}

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  if (Status s = ReadKeys(config, kGitHubKeys, out, bad_key); !s.ok()) return s;
  if (!out.created_until.empty() && *ParseDay(out.created_until) < out.created_since) {
    bad_key = "created_until";
    return Status::Invalid("precedes created_since");
  }
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  return NameKey(ReadSettings(config, out, bad_key), bad_key);
}

}  // namespace mltrend::gh
