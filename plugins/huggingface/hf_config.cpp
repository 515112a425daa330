#include "hf_config.hpp"

#include <stdexcept>
#include <string_view>

#include "hf_request.hpp"

namespace mltrend::hf {

namespace {

const ConfigKey& Declared(std::string_view name) {
  for (const ConfigKey& key : kHuggingFaceKeys)
    if (name == key.name) return key;
  throw std::logic_error("huggingface plugin reads an undeclared key: " + std::string(name));
}

std::string StringOr(const ConfigValues& config, std::string_view name) {
  if (config.Has(name)) return config.GetString(name);
  return Declared(name).default_value;
}

int64_t IntOr(const ConfigValues& config, std::string_view name) {
  if (config.Has(name)) return config.GetInt(name);
  return std::stoll(Declared(name).default_value);
}

std::vector<std::string> ListOr(const ConfigValues& config, std::string_view name) {
  if (config.Has(name)) return config.GetStringList(name);
  std::vector<std::string> out;
  std::string_view text = Declared(name).default_value;
  while (!text.empty()) {
    size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  out.base_url = StringOr(config, "base_url");
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  Origin origin;
  if (Status s = ParseOrigin(out.base_url, origin); !s.ok()) {
    bad_key = "base_url";
    return s;
  }
  out.limit = IntOr(config, "limit");
  if (out.limit <= 0) {
    bad_key = "limit";
    return Status::Invalid("must be positive, got " + std::to_string(out.limit));
  }
  out.sort = StringOr(config, "sort");
  out.search = StringOr(config, "search");
  out.author = StringOr(config, "author");
  out.filter = StringOr(config, "filter");
  out.expand = ListOr(config, "expand");
  out.max_pages = IntOr(config, "max_pages");
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
