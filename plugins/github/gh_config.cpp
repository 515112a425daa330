//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_config.cpp
//===----------------------------------------------------------------------===//
#include "gh_config.hpp"

#include "gh_dates.hpp"
#include "mltrend/url.hpp"
#include "mltrend/config_reader.hpp"

namespace mltrend::gh {

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
  }
  out.incomplete_retries = read.Int("incomplete_retries");
  if (out.incomplete_retries < 0) return fail("incomplete_retries", "must be 0 or more");
  out.max_pages = read.Int("max_pages");
  if (out.max_pages < 0) return fail("max_pages", "must be 0 or more");
  out.manifests = read.Bool("manifests");
  out.manifest_budget = read.Int("manifest_budget");
  if (out.manifest_budget < 0) return fail("manifest_budget", "must be 0 or more");
  return Status::Ok();
}

Status ReadSettings(const ConfigValues& config, Settings& out) {
  std::string bad_key;
  Status s = ReadSettings(config, out, bad_key);
  if (s.ok()) return s;
  return Status(s.code(), bad_key + ": " + s.message());
}

}  // namespace mltrend::gh
