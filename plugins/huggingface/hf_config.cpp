#include "hf_config.hpp"

<<<<<<< HEAD
#include <algorithm>
#include <iterator>
#include <string_view>

=======
#include "hf_request.hpp"
>>>>>>> keys
#include "mltrend/config_reader.hpp"
#include "mltrend/url.hpp"

namespace mltrend::hf {

<<<<<<< HEAD
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  const ConfigReader read(config, kHuggingFaceKeys);
  out.base_url = read.String("base_url");
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  Url parsed;
  if (Status s = ParseUrl(out.base_url, parsed); !s.ok()) {
    bad_key = "base_url";
    return s;
  }
  out.limit = read.Int("limit");
  if (out.limit <= 0) {
    bad_key = "limit";
    return Status::Invalid("must be positive, got " + std::to_string(out.limit));
  }
  out.sort = read.String("sort");
  // The Hub answers an unknown sort key with 400 on every run: refuse it at load.
  static constexpr std::string_view kSorts[] = {"", "createdAt", "downloads", "lastModified", "likes", "trendingScore"};
  if (std::find(std::begin(kSorts), std::end(kSorts), out.sort) == std::end(kSorts)) {
    bad_key = "sort";
    return Status::Invalid("expected one of createdAt, downloads, lastModified, likes, trendingScore or \"\", got \"" +
                           out.sort + "\"");
  }
  out.search = read.String("search");
  out.author = read.String("author");
  out.filter = read.String("filter");
  out.expand = read.List("expand");
  out.max_pages = read.Int("max_pages");
  if (out.max_pages < 0) {
    bad_key = "max_pages";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.max_pages));
  }
  const auto interval = read.Duration("full_crawl_interval");
  if (interval.count() < 0) {
    bad_key = "full_crawl_interval";
    return Status::Invalid("must not be negative");
  }
  out.full_crawl_interval = std::chrono::duration_cast<std::chrono::seconds>(interval);
  out.requests_per_window = read.Int("requests_per_window");
  if (out.requests_per_window < 0) {
    bad_key = "requests_per_window";
    return Status::Invalid("must be 0 (derive from HF_TOKEN) or more, got " +
                           std::to_string(out.requests_per_window));
  }
  out.enrich_first_commit = read.Bool("enrich_first_commit");
  out.enrich_budget = read.Int("enrich_budget");
  if (out.enrich_budget < 0) {
    bad_key = "enrich_budget";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.enrich_budget));
  }
  out.read_safetensors_headers = read.Bool("read_safetensors_headers");
  out.header_budget = read.Int("header_budget");
  if (out.header_budget < 0) {
    bad_key = "header_budget";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.header_budget));
  }
  out.header_max_bytes = read.Int("header_max_bytes");
  if (out.header_max_bytes < 1 || out.header_max_bytes > kSafetensorsHeaderLimit) {
    bad_key = "header_max_bytes";
    return Status::Invalid("must be 1 to " + std::to_string(kSafetensorsHeaderLimit) + " (100 MB, safetensors' own limit), got " +
                           std::to_string(out.header_max_bytes));
  }
  return Status::Ok();
=======
Status CheckBaseUrl(const ConfigValue& value) {
  Origin origin;
  return ParseOrigin(UrlRoot(std::get<std::string>(value)), origin);
>>>>>>> keys
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
