//===----------------------------------------------------------------------===//
// mltrendd — app/reload.cpp
//===----------------------------------------------------------------------===//
// SIGHUP and POST /v1/reload: validate the new config first, then apply only
// the difference, on the event loop.
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <algorithm>

#include "mltrendd/app/daemon.hpp"
#include "mltrendd/config/config_diff.hpp"
#include "mltrendd/runtime/logging.hpp"
#include "watchdog.hpp"

namespace mltrendd {

mltrend::Status Daemon::Reload() {
  auto log = NamedLogger("mltrendd");
  sd_notifyf(0, "RELOADING=1\nSTATUS=reloading %s\nMONOTONIC_USEC=%llu", config_file_.c_str(),
             static_cast<unsigned long long>(MonotonicUsec()));
  reload_.last_reload = std::chrono::system_clock::now();
  Config next;
  mltrend::Status s = LoadConfigWithPlugins(config_file_, plugins_, next);
  if (s.ok()) s = ApplyReload(std::move(next));
  if (s.ok()) {
    ++reload_.reload_count;
    reload_.last_reload_error.clear();
    log->info("reloaded {}: {}", config_file_.string(), reload_.last_change);
  } else {
    ++reload_.failed_count;
    reload_.last_reload_error = s.message();
    log->error("reload refused, still running the previous config: {}", s.message());
  }
  sd_notify(0, s.ok() ? "READY=1\nSTATUS=serving (reloaded)" : "READY=1\nSTATUS=serving (last reload refused)");
  return s;
}

mltrend::Status Daemon::ApplyReload(Config next) {
  ConfigDiff diff = DiffConfigs(config_, next);
  if (!diff.needs_restart.empty()) {
    std::string keys;
    for (const auto& r : diff.needs_restart) keys += (keys.empty() ? "" : ", ") + r;
    return mltrend::Status::Invalid(next.file.string() + ": these [daemon] keys only change with a restart: " + keys);
  }
  // Build every new instance before touching the running ones: a plugin
  // that cannot create its object refuses the whole reload.
  std::vector<std::string> names;
  for (const auto& sc : next.sources) names.push_back(sc.name);
  auto in = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  std::vector<std::unique_ptr<SourceInstance>> added;
  for (const auto& sc : next.sources) {
    if (!in(diff.sources_added, sc.name) && !in(diff.sources_changed, sc.name)) continue;
    added.emplace_back();
    if (auto s = MakeSource(sc, added.back()); !s.ok()) return s;
  }
  const bool sinks_change = diff.SourceSetChanged() || !diff.sinks_added.empty() || !diff.sinks_removed.empty() ||
                            !diff.sinks_changed.empty();
  auto new_sinks = std::make_shared<std::vector<std::unique_ptr<SinkInstance>>>();
  if (sinks_change) {
    for (const auto& kc : next.sinks) {
      new_sinks->emplace_back();
      if (auto s = MakeSink(kc, names, new_sinks->back()); !s.ok()) return s;
    }
  }

  if (diff.log_level_changed) ConfigureLogging(next.daemon.log_level);
  for (auto it = sources_.begin(); it != sources_.end();) {
    const std::string& name = (*it)->Config().name;
    if (!in(diff.sources_removed, name) && !in(diff.sources_changed, name)) {
      ++it;
      continue;
    }
    std::unique_ptr<SourceInstance> owner = std::move(*it);
    it = sources_.erase(it);
    SourceInstance& source = *owner;
    if (scheduler_) scheduler_->RemoveSource(source, std::move(owner));
  }
  for (auto& a : added) {
    if (scheduler_) scheduler_->AddSource(*a);
    sources_.push_back(std::move(a));
  }
  // /v1/sources lists sources in config order.
  std::stable_sort(sources_.begin(), sources_.end(), [&](const auto& a, const auto& b) {
    return std::find(names.begin(), names.end(), a->Config().name) <
           std::find(names.begin(), names.end(), b->Config().name);
  });
  config_ = std::move(next);
  if (scheduler_) scheduler_->SetHttpOptions(HttpOptions());
  if (sinks_change && scheduler_) {
    scheduler_->ReplaceSinks([this, new_sinks] { sinks_.swap(*new_sinks); });
  }
  reload_.last_change = diff.Summary();
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
