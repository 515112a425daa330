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

using mltrend::ConfigField;
using mltrend::ConfigKey;
using mltrend::ConfigType;

//! metrics_listen's named kind: an IP literal and a port (ParseListenAddress).
mltrend::Status CheckListen(const mltrend::ConfigValue& value) {
  const std::string& text = std::get<std::string>(value);
  std::string host;
  uint16_t port = 0;
  return text.empty() ? mltrend::Status::Ok() : ParseListenAddress(text, host, port);
}

//! Lands metrics_listen as written and split into its host and port.
void LandListen(const ConfigKey&, const mltrend::ConfigValue& value, void* settings) {
  auto& daemon = *static_cast<DaemonSettings*>(settings);
  daemon.metrics_listen = std::get<std::string>(value);
  if (!daemon.metrics_listen.empty()) (void)ParseListenAddress(daemon.metrics_listen, daemon.metrics_host, daemon.metrics_port);
}

// A zero jitter starts crawls on the dot and a zero grace stops at once; a
// zero interval, timeout or backoff would spin: those are AtLeast(1) (ms).
constexpr ConfigKey kDaemonKeys[] = {
    ConfigField<&DaemonSettings::state_dir>("state_dir", "/var/lib/mltrend",
     "Directory of the RocksDB store (records, change log, checkpoints, sink state)."),
    ConfigField<&DaemonSettings::socket>("socket", "/run/mltrend/mltrend.sock", "Unix socket the query server listens on."),
    ConfigField<&DaemonSettings::socket_group>("socket_group", "",
     "Group the socket file is given to (mode 0660: its members may query); empty keeps the daemon's own group."),
    ConfigField<&DaemonSettings::query_max_connections>("query_max_connections", "512",
     "Query connections open at once; at the limit a new one replaces the one that waited longest.").AtLeast(1),
    ConfigField<&DaemonSettings::query_idle_timeout>("query_idle_timeout", "10s",
     "How long a query connection may wait for its first or next request before it is closed.").AtLeast(1),
    ConfigField<&DaemonSettings::query_request_timeout>("query_request_timeout", "10s",
     "Time a client has to send one whole request (headers and body) and to read its answer.").AtLeast(1),
    ConfigKey{"metrics_listen", ConfigType::kString, "",
     "TCP address of a read-only listener for Prometheus, \"127.0.0.1:9464\" or \"[::1]:9464\": it serves GET "
     "/metrics and /healthz only. Empty (the default) opens none; port 0 takes a free port (see /v1/status)."}
        .Parsed("IP:port", &CheckListen).LandsBy(&LandListen),
    ConfigField<&DaemonSettings::plugin_dir>("plugin_dir", "",
     "Directory of the libmltrend_*.so plugins; empty means lib/mltrend/plugins beside the executable."),
    ConfigField<&DaemonSettings::log_level>("log_level", "info", "How much the daemon logs.")
        .OneOf("trace,debug,info,warn,error"),
    ConfigField<&DaemonSettings::sync_writes>("sync_writes", "false", "fsync every committed page (slower, survives power loss)."),
    ConfigField<&DaemonSettings::ca_file>("ca_file", "", "Extra CA bundle the HTTP client trusts besides the system store."),
    ConfigField<&DaemonSettings::http_timeout>("http_timeout", "30s", "Timeout of one HTTP request, connect to last byte.")
        .AtLeast(1),
    ConfigField<&DaemonSettings::shutdown_grace>("shutdown_grace", "30s",
     "How long SIGTERM waits for running sources to reach a checkpoint."),
    ConfigField<&DaemonSettings::quarantine_after>("quarantine_after", "3",
     "Consecutive daemon deaths inside one plugin instance (a fatal signal in its run or fold, or a hang past "
     "shutdown_grace) after which that instance is no longer started, until `mltrend unquarantine NAME` or a "
     "change to its table; 0 never quarantines.").AtLeast(0),
};

constexpr ConfigKey kSourceKeys[] = {
    ConfigField<&SourceConfig::name>("name", nullptr,
     "Instance name, [a-z0-9][a-z0-9_-]*; unique among sources, used in store keys and queries."),
    ConfigField<&SourceConfig::plugin>("plugin", nullptr, "The source plugin this instance runs (its descriptor name)."),
    ConfigField<&SourceConfig::interval>("interval", "6h", "Time between the starts of two successful crawls.").AtLeast(1),
    ConfigField<&SourceConfig::jitter>("jitter", "30s", "Random delay up to this much added to each start."),
    ConfigField<&SourceConfig::backoff_initial>("backoff_initial", "30s",
     "Wait after a first failed crawl; doubles on each failure.").AtLeast(1),
    ConfigField<&SourceConfig::backoff_max>("backoff_max", "1h", "Longest wait between failed crawls.").AtLeast(1),
};

constexpr ConfigKey kSinkKeys[] = {
    ConfigField<&SinkConfig::name>("name", nullptr,
     "Instance name, [a-z0-9][a-z0-9_-]*; unique among sinks, used in store keys and queries."),
    ConfigField<&SinkConfig::plugin>("plugin", nullptr, "The sink plugin this instance runs (its descriptor name)."),
};

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

const ConfigKey* FindKey(std::span<const ConfigKey> keys, std::string_view name) {
  for (const ConfigKey& key : keys) {
    if (key.name && name == key.name) return &key;
  }
  return nullptr;
}

}  // namespace config_detail
}  // namespace mltrendd
