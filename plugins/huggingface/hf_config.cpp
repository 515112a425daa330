#include "hf_config.hpp"

#include "hf_request.hpp"
#include "mltrend/config_reader.hpp"

namespace mltrend::hf {

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  const ConfigReader read(config, kHuggingFaceKeys);
  out.base_url = read.String("base_url");
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  Origin origin;
  if (Status s = ParseOrigin(out.base_url, origin); !s.ok()) {
    bad_key = "base_url";
    return s;
  }
  out.limit = read.Int("limit");
  if (out.limit <= 0) {
    bad_key = "limit";
    return Status::Invalid("must be positive, got " + std::to_string(out.limit));
  }
  out.sort = read.String("sort");
  out.search = read.String("search");
  out.author = read.String("author");
  out.filter = read.String("filter");
  out.expand = read.List("expand");
  out.max_pages = read.Int("max_pages");
  if (out.max_pages < 0) {
    bad_key = "max_pages";
    return Status::Invalid("must be 0 or more, got " + std::to_string(out.max_pages));
  }
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  Status s = ReadSettings(config, out, bad_key);
  if (s.ok()) return s;
  return Status(s.code(), bad_key + ": " + s.message());
}

}  // namespace mltrend::hf
