//===----------------------------------------------------------------------===//
// mltrendd — runtime/journal_sink.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/runtime/journal_sink.hpp"

#include <sys/uio.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

#include <map>

namespace mltrendd {
namespace {

std::mutex g_plugins_mutex;
std::map<std::string, std::string, std::less<>> g_plugins;

int Priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return LOG_DEBUG;
    case spdlog::level::info: return LOG_INFO;
    case spdlog::level::warn: return LOG_WARNING;
    case spdlog::level::err: return LOG_ERR;
    case spdlog::level::critical: return LOG_CRIT;
    default: return LOG_INFO;
  }
}

}  // namespace

std::vector<std::string> JournalFields(std::string_view logger, std::string_view plugin, int priority,
                                       std::string_view message) {
  std::vector<std::string> fields;
  fields.push_back("MESSAGE=" + std::string(message));
  fields.push_back("PRIORITY=" + std::to_string(priority));
  fields.push_back("SYSLOG_IDENTIFIER=mltrendd");
  fields.push_back("MLTREND_LOGGER=" + std::string(logger));
  for (std::string_view kind : {"source", "sink"}) {
    if (logger.size() > kind.size() + 1 && logger.substr(0, kind.size()) == kind && logger[kind.size()] == '.') {
      std::string key = kind == "source" ? "MLTREND_SOURCE=" : "MLTREND_SINK=";
      fields.push_back(key + std::string(logger.substr(kind.size() + 1)));
    }
  }
  if (!plugin.empty()) fields.push_back("MLTREND_PLUGIN=" + std::string(plugin));
  return fields;
}

void SetLoggerPlugin(const std::string& logger, const std::string& plugin) {
  std::lock_guard lock(g_plugins_mutex);
  g_plugins[logger] = plugin;
}

void JournalSink::sink_it_(const spdlog::details::log_msg& msg) {
  std::string_view logger(msg.logger_name.data(), msg.logger_name.size());
  std::string plugin;
  {
    std::lock_guard lock(g_plugins_mutex);
    if (auto it = g_plugins.find(logger); it != g_plugins.end()) plugin = it->second;
  }
  auto fields = JournalFields(logger, plugin, Priority(msg.level),
                              std::string_view(msg.payload.data(), msg.payload.size()));
  std::vector<iovec> iov(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) iov[i] = iovec{fields[i].data(), fields[i].size()};
  // A journal that cannot be written must not take the daemon down.
  (void)sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
}

}  // namespace mltrendd
