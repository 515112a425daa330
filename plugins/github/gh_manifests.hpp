//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_manifests.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gh_fetch.hpp"
#include "mltrend/record.hpp"
#include "mltrend/source.hpp"

namespace mltrend::gh {

//! Adds `attrs["dependencies"]` (normalised package names, sorted, comma
//! separated) to repositories from their dependency manifests, read through
//! `GET {base_url}/repos/{full_name}/contents/{file}` on the core budget, at
//! most `budget` requests per run. What was read is kept in the source's
//! state (key "deps:" + id: pushed_at, then the list), committed with the
//! page, and reused while `pushed_at` is unchanged, so a repository's
//! manifests are read once per push. A repository whose manifests cannot
//! all be read this run (budget spent, a rate limit, an error) keeps what
//! the state knew and is tried again on a later crawl; the crawl itself
//! never fails for a manifest.
class ManifestReader {
 public:
  ManifestReader(SourceContext& ctx, Fetcher& fetcher, int64_t budget)
      : ctx_(ctx), fetcher_(fetcher), budget_(budget) {}
  using StateChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;
  //! Non-ok only when the store cannot be read.
  Status Enrich(Record& record, StateChanges& state);
  int64_t requests() const { return requests_; }

 private:
  //! The packages of one file; false when it could not be read (not a 404).
  bool ReadFile(const std::string& full_name, std::string_view file, std::set<std::string>& out);

  SourceContext& ctx_;
  Fetcher& fetcher_;
  int64_t budget_;
  int64_t requests_ = 0;
  bool stopped_ = false;  //!< a rate limit or error ended manifest reading for this run
};

}  // namespace mltrend::gh
