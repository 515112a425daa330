#include "pwc_config.hpp"

#include "mltrend/config_reader.hpp"
#include "mltrend/url.hpp"

namespace mltrend::pwc {

namespace {

//! An http(s) URL the client can send (ParseUrl: a host, no user info).
bool Sendable(const std::string& url) {
  Url parsed;
  return ParseUrl(url, parsed).ok();
}

Status CheckLocationText(const std::string& value) {
  if (value.empty()) return Status::Ok();
  if (IsUrl(value)) {
    Url parsed;
    return ParseUrl(value, parsed);
  }
  if (value.find("://") != std::string::npos) return Status::Invalid("only http:// and https:// URLs are read: " + value);
  if (value.front() != '/') return Status::Invalid("a path must be absolute: " + value);
  return Status::Ok();
}

}  // namespace

bool IsUrl(const std::string& location) {
  return location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0;
}

Status CheckLocation(const ConfigValue& value) { return CheckLocationText(std::get<std::string>(value)); }

Status CheckApiBaseUrl(const ConfigValue& value) {
  const std::string url(UrlRoot(std::get<std::string>(value)));
  if (IsUrl(url) && Sendable(url)) return Status::Ok();
  return Status::Invalid("must be an absolute http(s) URL with a host, got '" + url + "'");
}

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  if (Status s = ReadKeys(config, kPapersWithCodeKeys, out, bad_key); !s.ok()) return s;
  const bool live_api = ConfigReader(config, kPapersWithCodeKeys).Bool("live_api");
  out.mode = out.links.empty() ? Mode::kApi : live_api ? Mode::kDumpThenApi : Mode::kDump;
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  return NameKey(ReadSettings(config, out, bad_key), bad_key);
}

}  // namespace mltrend::pwc
