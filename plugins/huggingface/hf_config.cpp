#include "hf_config.hpp"

#include "mltrend/config_reader.hpp"
#include "mltrend/url.hpp"

namespace mltrend::hf {

Status CheckBaseUrl(const ConfigValue& value) {
  Url parsed;
  return ParseUrl(UrlRoot(std::get<std::string>(value)), parsed);
}

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  return ReadKeys(config, kHuggingFaceKeys, out, bad_key);
}

Status ReadSettings(const ConfigValues& config, Settings& out) { return ReadKeys(config, kHuggingFaceKeys, out); }

int64_t RequestLimit(const Settings& settings, bool has_token) {
  if (settings.requests_per_window > 0) return settings.requests_per_window;
  return has_token ? 1000 : 500;
}

}  // namespace mltrend::hf
