//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_config.cpp
//===----------------------------------------------------------------------===//
#include "gh_config.hpp"

#include "gh_dates.hpp"
#include "mltrend/url.hpp"
#include "mltrend/config_reader.hpp"

namespace mltrend::gh {

<<<<<<< HEAD
Status ReadSettings(const ConfigValues& config, Settings& out, std::string& bad_key) {
  const ConfigReader read(config, kGitHubKeys);
  auto fail = [&](const char* key, std::string message) {
    bad_key = key;
    return Status::Invalid(std::move(message));
  };
  out.base_url = read.String("base_url");
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  Url parsed;
  if (Status s = ParseUrl(out.base_url, parsed); !s.ok()) return fail("base_url", s.message());
  out.queries = read.List("queries");
  if (out.queries.empty()) return fail("queries", "must name at least one search string");
  for (const std::string& q : out.queries)
    if (q.empty() || q.find('\n') != std::string::npos) return fail("queries", "holds an empty or multi-line string");
  out.sort = read.String("sort");
  // GitHub answers an unknown sort with 422 on every run: refuse it at load.
  if (out.sort != "" && out.sort != "stars" && out.sort != "forks" && out.sort != "help-wanted-issues" &&
      out.sort != "updated")
    return fail("sort", "expected one of stars, forks, help-wanted-issues, updated or \"\", got \"" + out.sort + "\"");
  out.per_page = read.Int("per_page");
  if (out.per_page < 1 || out.per_page > 100) return fail("per_page", "must be 1 to 100, got " + std::to_string(out.per_page));
  out.split_created = read.Bool("split_created");
  auto since = ParseDay(read.String("created_since"));
  if (!since) return fail("created_since", "must be a date YYYY-MM-DD");
  out.created_since = *since;
  out.created_until = read.String("created_until");
  if (!out.created_until.empty()) {
    auto until = ParseDay(out.created_until);
    if (!until) return fail("created_until", "must be a date YYYY-MM-DD or empty");
    if (*until < *since) return fail("created_until", "precedes created_since");
=======
Status CheckBaseUrl(const ConfigValue& value) {
  std::string origin;
  return OriginOf(UrlRoot(std::get<std::string>(value)), origin);
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
>>>>>>> keys
  }
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  return NameKey(ReadSettings(config, out, bad_key), bad_key);
}

}  // namespace mltrend::gh
