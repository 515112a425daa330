//===----------------------------------------------------------------------===//
// mltrendd — config/config_diff.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "mltrendd/config/config.hpp"

namespace mltrendd {

//! What a reload changes, by instance name. A source or sink whose table
//! changed in any key is replaced (removed, then added): its plugin object
//! was built from the old values.
struct ConfigDiff {
  //! `[daemon]` keys that cannot change while running (state_dir, socket and
  //! the query_* limits, plugin_dir, sync_writes), each as "key: old -> new". Non-empty: the
  //! reload is refused and the daemon keeps its running config.
  std::vector<std::string> needs_restart;
  bool log_level_changed = false;
  bool http_changed = false;  //!< ca_file or http_timeout
  std::vector<std::string> sources_added, sources_removed, sources_changed, sources_kept;
  std::vector<std::string> sinks_added, sinks_removed, sinks_changed, sinks_kept;

  //! Whether the set of source names changed (sinks see that set).
  bool SourceSetChanged() const { return !sources_added.empty() || !sources_removed.empty(); }
  //! "sources +github -pwc ~hf; sinks ~trends; log_level" or "nothing changed".
  std::string Summary() const;
};

ConfigDiff DiffConfigs(const Config& running, const Config& next);

bool SameSource(const SourceConfig& a, const SourceConfig& b);
bool SameSink(const SinkConfig& a, const SinkConfig& b);

}  // namespace mltrendd
