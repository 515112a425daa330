#include "mltrendd/runtime/sink_instance.hpp"

#include <algorithm>
#include <exception>

#include "mltrendd/runtime/crash_point.hpp"
#include "mltrendd/runtime/logging.hpp"
#include "mltrendd/secrets/secrets.hpp"

namespace mltrendd {

SinkInstance::SinkInstance(SinkConfig config, std::shared_ptr<LoadedPlugin> plugin, Store& store,
                           std::vector<std::string> source_names, PluginGuard* guard)
    : config_(std::move(config)),
      plugin_(std::move(plugin)),
      store_(store),
      sink_(plugin_ ? plugin_->CreateSink() : nullptr),
      log_(MakePluginLogger("sink." + config_.name, config_.plugin)),
      guard_(guard),
      guard_key_(mltrendd::GuardKey("sink", config_.name)) {
  context_ = std::make_unique<StoreSinkContext>(store_, config_.name, config_.values, std::move(source_names),
                                                *log_, cancel_);
}

mltrend::Status SinkInstance::Guard(const char* what, const std::function<mltrend::Status()>& call) {
  mltrend::Status result;
  try {
    result = call();
  } catch (const std::exception& e) {
    result = mltrend::Status::Internal(std::string(what) + " threw an exception: " + e.what());
  } catch (...) {
    result = mltrend::Status::Internal(std::string(what) + " threw a non-standard exception");
  }
  std::lock_guard lock(mutex_);
  if (result.ok()) {
    last_fold_ = std::chrono::system_clock::now();
    last_error_.clear();
  } else {
    last_error_ = Redact(result.message());
    log_->Error(std::string(what) + " failed: " + result.message());
  }
  return result;
}

mltrend::Status SinkInstance::Fold() {
  if (GuardState g = GuardStatus(); !g.quarantine.empty()) return mltrend::Status::Internal(g.quarantine);
  GuardScope inside(guard_, guard_key_, *log_, "fold");
  return FoldInside();
}

mltrend::Status SinkInstance::FoldInside() {
  if (!opened_) {
    // The sink recomputes when its context reports ChangesLost.
    mltrend::Status s = Guard("open", [&] { return sink_->Open(*context_); });
    if (!s.ok()) return s;
    opened_ = true;
  }
  return Guard("fold", [&] { return sink_->Fold(*context_); });
}

SystemTime SinkInstance::LastFold() const {
  std::lock_guard lock(mutex_);
  return last_fold_;
}

std::string SinkInstance::LastError() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

mltrend::Status PruneFoldedChanges(Store& store, const std::vector<std::unique_ptr<SinkInstance>>& sinks) {
  uint64_t upto = store.LastSequence();
  for (const auto& sink : sinks) upto = std::min(upto, sink->Cursor());
  if (upto == 0) return mltrend::Status::Ok();
  if (PrunedUpto(store) >= upto) return mltrend::Status::Ok();
  // The mark goes first: a crash between the two writes only costs a
  // needless recompute, never a silently missed change.
  mltrend::Status s = store.PutMeta(kPrunedUptoKey, std::to_string(upto));
  if (!s.ok()) return s;
  CrashPoint("prune.marked");  // test hook, inert in production: see crash_point.hpp
  return store.PruneChangeLog(upto);
}

}  // namespace mltrendd
