//===----------------------------------------------------------------------===//
// mltrendd — config/config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/config.hpp"
#include "mltrend/plugin.hpp"
#include "mltrend/status.hpp"

namespace mltrendd {

//! The `[daemon]` table.
struct DaemonSettings {
  std::filesystem::path state_dir;
  std::filesystem::path socket;
  std::string socket_group;          //!< "" keeps the daemon's own group
  int64_t query_max_connections = 512;
  std::chrono::milliseconds query_idle_timeout{10'000};
  std::chrono::milliseconds query_request_timeout{10'000};
  std::string metrics_listen;        //!< as written; "" opens no metrics listener
  std::string metrics_host;          //!< its IP address, without brackets
  uint16_t metrics_port = 0;
  std::filesystem::path plugin_dir;  //!< empty: DefaultPluginDir()
  std::string log_level;             //!< trace|debug|info|warn|error
  bool sync_writes = false;          //!< StoreOptions::sync
  std::filesystem::path ca_file;     //!< extra CA bundle for the HTTP client
  std::chrono::milliseconds http_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{30'000};
  int64_t quarantine_after = 3;      //!< 0: never quarantine (runtime/plugin_guard.hpp)
};

//! One `[[source]]` table: daemon-owned scheduling keys plus the plugin's own.
struct SourceConfig {
  std::string name;
  std::string plugin;
  std::chrono::milliseconds interval{0};
  std::chrono::milliseconds jitter{0};
  std::chrono::milliseconds backoff_initial{0};
  std::chrono::milliseconds backoff_max{0};
  mltrend::ConfigValues values;  //!< the plugin's declared keys, plus "name"
  int line = 0;                  //!< where the table starts, for messages
};

//! One `[[sink]]` table.
struct SinkConfig {
  std::string name;
  std::string plugin;
  mltrend::ConfigValues values;  //!< the plugin's declared keys, plus "name"
  int line = 0;
};

struct Config {
  std::filesystem::path file;
  DaemonSettings daemon;
  std::vector<SourceConfig> sources;
  std::vector<SinkConfig> sinks;
};

//! Finds the descriptor of plugin `name` once the `[daemon]` table is known
//! (its plugin_dir decides where plugins are). Returns nullptr and sets
//! `why` when there is no such plugin or it was refused.
using PluginLookup = std::function<const mltrend::PluginDescriptor*(
    const DaemonSettings& daemon, const std::string& name, std::string& why)>;

//! Parses and validates `file`. Every error is one line that names
//! file:line:column and the key, e.g.
//!   /etc/mltrend/mltrend.toml:14:1: [[source]] "hf": unknown key 'intervall' (did you mean 'interval'?)
//! Unknown keys are errors; types are checked against each key table;
//! durations ("90s", "6h") and paths (relative to the file's directory) are
//! resolved; names must be unique; a sink or source names a plugin of its kind.
mltrend::Status LoadConfig(const std::filesystem::path& file, const PluginLookup& lookup, Config& out);

//! Splits a listen address "127.0.0.1:9464" or "[::1]:9464" into an IP
//! literal and a port (0..65535). Invalid, saying what is wrong, for a host
//! name, a missing port or brackets around an IPv4 address.
mltrend::Status ParseListenAddress(std::string_view text, std::string& host, uint16_t& port);

//! Writes the documentation of a key table (key, type, default, help) as
//! Markdown; the README's config reference is generated from it.
std::string DescribeKeys(const mltrend::ConfigKey* keys, size_t count);
std::string DescribeKeys(std::span<const mltrend::ConfigKey> keys);

//! The keys of the `[daemon]` table. These tables are the single declaration
//! LoadConfig parses, validates and defaults from, and what
//! `mltrendd --help-config` prints through DescribeKeys.
std::span<const mltrend::ConfigKey> DaemonKeys();
//! The keys every `[[source]]` table has besides its plugin's own keys
//! (name, plugin, interval, jitter, backoff_initial, backoff_max).
std::span<const mltrend::ConfigKey> SourceKeys();
//! The keys every `[[sink]]` table has besides its plugin's own (name, plugin).
std::span<const mltrend::ConfigKey> SinkKeys();

//! Whether `name` may name a source or sink instance: `[a-z0-9][a-z0-9_-]*`.
//! Instance names appear in store keys and query parameters.
bool IsValidInstanceName(std::string_view name);

}  // namespace mltrendd
