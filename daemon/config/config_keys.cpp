//===----------------------------------------------------------------------===//
// mltrendd — config/config_keys.cpp
//===----------------------------------------------------------------------===//
// The daemon's own configuration keys, declared once (Fluent Bit's
// config_map): LoadConfig parses, validates and defaults from these tables
// and `mltrendd --help-config` documents them.

#include "config_internal.hpp"
#include "mltrendd/config/config.hpp"

namespace mltrendd {
namespace {

using mltrend::ConfigKey;
using mltrend::ConfigType;

constexpr ConfigKey kDaemonKeys[] = {
    {"state_dir", ConfigType::kPath, "/var/lib/mltrend",
     "Directory of the RocksDB store (records, change log, checkpoints, sink state)."},
    {"socket", ConfigType::kPath, "/run/mltrend/mltrend.sock", "Unix socket the query server listens on."},
    {"socket_group", ConfigType::kString, "",
     "Group the socket file is given to (mode 0660: its members may query); empty keeps the daemon's own group."},
    {"query_max_connections", ConfigType::kInt, "512",
     "Query connections open at once; at the limit a new one replaces the one that waited longest."},
    {"query_idle_timeout", ConfigType::kDuration, "10s",
     "How long a query connection may wait for its first or next request before it is closed."},
    {"query_request_timeout", ConfigType::kDuration, "10s",
     "Time a client has to send one whole request (headers and body) and to read its answer."},
    {"metrics_listen", ConfigType::kString, "",
     "TCP address of a read-only listener for Prometheus, \"127.0.0.1:9464\" or \"[::1]:9464\": it serves GET "
     "/metrics and /healthz only. Empty (the default) opens none; port 0 takes a free port (see /v1/status)."},
    {"plugin_dir", ConfigType::kPath, "",
     "Directory of the libmltrend_*.so plugins; empty means lib/mltrend/plugins beside the executable."},
    {"log_level", ConfigType::kString, "info", "One of trace, debug, info, warn, error."},
    {"sync_writes", ConfigType::kBool, "false", "fsync every committed page (slower, survives power loss)."},
    {"ca_file", ConfigType::kPath, "", "Extra CA bundle the HTTP client trusts besides the system store."},
    {"http_timeout", ConfigType::kDuration, "30s", "Timeout of one HTTP request, connect to last byte."},
    {"shutdown_grace", ConfigType::kDuration, "30s",
     "How long SIGTERM waits for running sources to reach a checkpoint."},
    {"quarantine_after", ConfigType::kInt, "3",
     "Consecutive daemon deaths inside one plugin instance (a fatal signal in its run or fold, or a hang past "
     "shutdown_grace) after which that instance is no longer started, until `mltrend unquarantine NAME` or a "
     "change to its table; 0 never quarantines."},
};

constexpr ConfigKey kSourceKeys[] = {
    {"name", ConfigType::kString, nullptr,
     "Instance name, [a-z0-9][a-z0-9_-]*; unique among sources, used in store keys and queries."},
    {"plugin", ConfigType::kString, nullptr, "The source plugin this instance runs (its descriptor name)."},
    {"interval", ConfigType::kDuration, "6h", "Time between the starts of two successful crawls."},
    {"jitter", ConfigType::kDuration, "30s", "Random delay up to this much added to each start."},
    {"backoff_initial", ConfigType::kDuration, "30s", "Wait after a first failed crawl; doubles on each failure."},
    {"backoff_max", ConfigType::kDuration, "1h", "Longest wait between failed crawls."},
};

constexpr ConfigKey kSinkKeys[] = {
    {"name", ConfigType::kString, nullptr,
     "Instance name, [a-z0-9][a-z0-9_-]*; unique among sinks, used in store keys and queries."},
    {"plugin", ConfigType::kString, nullptr, "The sink plugin this instance runs (its descriptor name)."},
};

constexpr std::string_view kLogLevels[] = {"trace", "debug", "info", "warn", "error"};

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::span<const ConfigKey> DaemonKeys() { return kDaemonKeys; }
std::span<const ConfigKey> SourceKeys() { return kSourceKeys; }
std::span<const ConfigKey> SinkKeys() { return kSinkKeys; }

bool IsValidInstanceName(std::string_view name) {
  if (name.empty() || !IsNameStart(name.front())) return false;
  for (char c : name) {
    if (!IsNameStart(c) && c != '_' && c != '-') return false;
  }
  return true;
}

namespace config_detail {

bool DaemonDurationMayBeZero(std::string_view key) {
  // A zero jitter starts crawls on the dot and a zero grace stops at once;
  // a zero interval, timeout or backoff would spin.
  return key == "jitter" || key == "shutdown_grace";
}

std::span<const std::string_view> LogLevels() { return kLogLevels; }

const ConfigKey* FindKey(std::span<const ConfigKey> keys, std::string_view name) {
  for (const ConfigKey& key : keys) {
    if (key.name && name == key.name) return &key;
  }
  return nullptr;
}

}  // namespace config_detail
}  // namespace mltrendd
