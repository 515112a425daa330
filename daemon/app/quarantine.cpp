//===----------------------------------------------------------------------===//
// mltrendd — app/quarantine.cpp
//===----------------------------------------------------------------------===//
// The daemon's side of the plugin guard (runtime/plugin_guard.hpp): charging
// the previous life's death at start, clearing a quarantine on request, and
// naming the runs that outlive shutdown_grace.
#include <algorithm>

#include "mltrendd/app/daemon.hpp"
#include <spdlog/spdlog.h>

#include "mltrendd/runtime/logging.hpp"

namespace mltrendd {

mltrend::Status Daemon::RecoverGuard() {
  guard_ = std::make_unique<PluginGuard>(*store_, config_.daemon.quarantine_after);
  std::vector<std::string> keys;
  for (const auto& sc : config_.sources) keys.push_back(GuardKey("source", sc.name));
  for (const auto& kc : config_.sinks) keys.push_back(GuardKey("sink", kc.name));
  return guard_->Recover(config_.daemon.state_dir, keys);
}

mltrend::Status Daemon::Unquarantine(std::string_view kind, const std::string& name) {
  const std::string key = GuardKey(kind, name);
  if (kind == "source") {
    auto it = std::find_if(sources_.begin(), sources_.end(), [&](const auto& s) { return s->Config().name == name; });
    if (it == sources_.end()) return mltrend::Status::NotFound("no source named '" + name + "'");
    const bool was = (*it)->Quarantined();
    if (mltrend::Status s = guard_->Clear(key); !s.ok()) return s;
    if (was) {
      NamedLogger("mltrendd")->warn("source {} unquarantined on request: starting it", name);
      if (scheduler_) scheduler_->Resume(**it);
    }
    return mltrend::Status::Ok();
  }
  auto it = std::find_if(sinks_.begin(), sinks_.end(), [&](const auto& s) { return s->Config().name == name; });
  if (it == sinks_.end()) return mltrend::Status::NotFound("no sink named '" + name + "'");
  const bool was = !(*it)->GuardStatus().quarantine.empty();
  if (mltrend::Status s = guard_->Clear(key); !s.ok()) return s;
  if (was) {
    NamedLogger("mltrendd")->warn("sink {} unquarantined on request: folding it", name);
    if (scheduler_) scheduler_->RequestFold();
  }
  return mltrend::Status::Ok();
}

void Daemon::ChargeHangs() {
  auto log = NamedLogger("mltrendd");
  std::vector<std::string> inside = guard_->Inside();
  std::string names;
  for (const std::string& key : inside) {
    guard_->ChargeHang(key, config_.daemon.shutdown_grace);
    names += (names.empty() ? "" : ", ") + key + " (death " + std::to_string(guard_->State(key).deaths) +
             " in a row)";
  }
  if (names.empty()) names = "no plugin instance (the daemon's own work)";
  log->error("still busy after the {} ms shutdown_grace: {}; exiting anyway (no partial page is ever committed)",
             config_.daemon.shutdown_grace.count(), names);
}

}  // namespace mltrendd
