//===----------------------------------------------------------------------===//
// mltrendd — config/config_diff.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/config/config_diff.hpp"

#include <algorithm>

namespace mltrendd {
namespace {

// `line` is where the table sits in the file: moving a table is no change.
bool SameValues(const mltrend::ConfigValues& a, const mltrend::ConfigValues& b) { return a.All() == b.All(); }

template <class Item, class Same>
void DiffByName(const std::vector<Item>& running, const std::vector<Item>& next, const Same& same,
                std::vector<std::string>& added, std::vector<std::string>& removed, std::vector<std::string>& changed,
                std::vector<std::string>& kept) {
  for (const Item& n : next) {
    auto old = std::find_if(running.begin(), running.end(), [&](const Item& r) { return r.name == n.name; });
    if (old == running.end()) {
      added.push_back(n.name);
    } else if (same(*old, n)) {
      kept.push_back(n.name);
    } else {
      changed.push_back(n.name);
    }
  }
  for (const Item& r : running) {
    if (std::none_of(next.begin(), next.end(), [&](const Item& n) { return n.name == r.name; })) {
      removed.push_back(r.name);
    }
  }
}

void Append(std::string& out, const std::string& part) {
  if (!out.empty()) out += "; ";
  out += part;
}

std::string Names(const char* sign, const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += std::string(" ") + sign + n;
  return out;
}

}  // namespace

bool SameSource(const SourceConfig& a, const SourceConfig& b) {
  return a.name == b.name && a.plugin == b.plugin && a.interval == b.interval && a.jitter == b.jitter &&
         a.backoff_initial == b.backoff_initial && a.backoff_max == b.backoff_max && SameValues(a.values, b.values);
}

bool SameSink(const SinkConfig& a, const SinkConfig& b) {
  return a.name == b.name && a.plugin == b.plugin && SameValues(a.values, b.values);
}

ConfigDiff DiffConfigs(const Config& running, const Config& next) {
  ConfigDiff d;
  const DaemonSettings& o = running.daemon;
  const DaemonSettings& n = next.daemon;
  auto fixed = [&](const char* key, const std::string& a, const std::string& b) {
    if (a != b) d.needs_restart.push_back(std::string(key) + ": '" + a + "' -> '" + b + "'");
  };
  fixed("state_dir", o.state_dir.string(), n.state_dir.string());
  fixed("socket", o.socket.string(), n.socket.string());
  fixed("socket_group", o.socket_group, n.socket_group);
  fixed("query_max_connections", std::to_string(o.query_max_connections), std::to_string(n.query_max_connections));
  fixed("query_idle_timeout", std::to_string(o.query_idle_timeout.count()) + "ms",
        std::to_string(n.query_idle_timeout.count()) + "ms");
  fixed("query_request_timeout", std::to_string(o.query_request_timeout.count()) + "ms",
        std::to_string(n.query_request_timeout.count()) + "ms");
  fixed("metrics_listen", o.metrics_listen, n.metrics_listen);
  fixed("plugin_dir", o.plugin_dir.string(), n.plugin_dir.string());
  fixed("sync_writes", o.sync_writes ? "true" : "false", n.sync_writes ? "true" : "false");
  fixed("quarantine_after", std::to_string(o.quarantine_after), std::to_string(n.quarantine_after));
  d.log_level_changed = o.log_level != n.log_level;
  d.http_changed = o.ca_file != n.ca_file || o.http_timeout != n.http_timeout;
  DiffByName(running.sources, next.sources, SameSource, d.sources_added, d.sources_removed, d.sources_changed,
             d.sources_kept);
  DiffByName(running.sinks, next.sinks, SameSink, d.sinks_added, d.sinks_removed, d.sinks_changed, d.sinks_kept);
  return d;
}

std::string ConfigDiff::Summary() const {
  std::string out;
  std::string sources = Names("+", sources_added) + Names("-", sources_removed) + Names("~", sources_changed);
  std::string sinks = Names("+", sinks_added) + Names("-", sinks_removed) + Names("~", sinks_changed);
  if (!sources.empty()) Append(out, "sources" + sources);
  if (!sinks.empty()) Append(out, "sinks" + sinks);
  if (log_level_changed) Append(out, "log_level");
  if (http_changed) Append(out, "http");
  for (const auto& r : needs_restart) Append(out, r);
  return out.empty() ? "nothing changed" : out;
}

}  // namespace mltrendd
