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

Status CheckLocation(const std::string& value, bool required) {
  if (value.empty()) return required ? Status::Invalid("must not be empty") : Status::Ok();
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

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  const ConfigReader read(config, kPapersWithCodeKeys);
  out.links = read.String("links");
  out.papers = read.String("papers");
  out.mode = out.links.empty() ? Mode::kApi : read.Bool("live_api") ? Mode::kDumpThenApi : Mode::kDump;
  if (Status s = CheckLocation(out.links, false); !s.ok()) {
    bad_key = "links";
    return s;
  }
  if (Status s = CheckLocation(out.papers, false); !s.ok()) {
    bad_key = "papers";
    return s;
  }
  out.page_size = read.Int("page_size");
  if (out.page_size <= 0) {
    bad_key = "page_size";
    return Status::Invalid("must be positive, got " + std::to_string(out.page_size));
  }
  out.api_base_url = read.String("api_base_url");
  while (!out.api_base_url.empty() && out.api_base_url.back() == '/') out.api_base_url.pop_back();
  if (!IsUrl(out.api_base_url) || !Sendable(out.api_base_url)) {
    bad_key = "api_base_url";
    return Status::Invalid("must be an absolute http(s) URL with a host, got '" + out.api_base_url + "'");
  }
  out.max_pages = read.Int("max_pages");
  if (out.max_pages < 0) {
    bad_key = "max_pages";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.max_pages));
  }
  const std::string walk = read.String("api_walk");
  if (walk != "incremental" && walk != "full") {
    bad_key = "api_walk";
    return Status::Invalid("must be \"incremental\" or \"full\", got '" + walk + "'");
  }
  out.walk = walk == "full" ? Walk::kFull : Walk::kIncremental;
  out.api_page_size = read.Int("api_page_size");
  if (out.api_page_size < 1 || out.api_page_size > 100) {
    bad_key = "api_page_size";
    return Status::Invalid("must be 1 to 100, got " + std::to_string(out.api_page_size));
  }
  out.request_budget = read.Int("request_budget");
  if (out.request_budget < 0) {
    bad_key = "request_budget";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.request_budget));
  }
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  Status s = ReadSettings(config, out, bad_key);
  if (s.ok()) return s;
  return Status(s.code(), bad_key + ": " + s.message());
}

}  // namespace mltrend::pwc
