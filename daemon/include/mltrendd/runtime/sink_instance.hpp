//===----------------------------------------------------------------------===//
// mltrendd — runtime/sink_instance.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mltrend/sink.hpp"
#include "mltrendd/config/config.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/runtime/plugin_guard.hpp"
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! One configured `[[sink]]`: its plugin object and its context over the store.
class SinkInstance {
 public:
  //! `guard` (optional, outliving the instance) marks each fold and may
  //! have quarantined this instance.
  SinkInstance(SinkConfig config, std::shared_ptr<LoadedPlugin> plugin, Store& store,
               std::vector<std::string> source_names, PluginGuard* guard = nullptr);

  const SinkConfig& Config() const { return config_; }
  const LoadedPlugin& Plugin() const { return *plugin_; }
  mltrend::Sink& Sink() { return *sink_; }
  uint64_t Cursor() const { return context_->Cursor(); }

  //! Folds pending changes; never throws. Opens the sink first when it is
  //! not open yet or its last Open failed (e.g. a broken rules file fixed
  //! since), so a sink is retried on every fold instead of staying dead.
  //! Opening may recompute from the store, so it runs here, on the fold
  //! thread, never before the daemon listens and reports READY.
  mltrend::Status Fold();
  //! Whether the created plugin object exists (its factory may fail).
  bool Valid() const { return sink_ != nullptr; }
  //! Deaths inside this instance and its quarantine (PluginGuard); a
  //! quarantined sink is not opened or folded.
  GuardState GuardStatus() const { return guard_ ? guard_->State(guard_key_) : GuardState{}; }
  const std::string& GuardKey() const { return guard_key_; }
  void Cancel() { cancel_.Cancel(); }

  SystemTime LastFold() const;
  std::string LastError() const;

 private:
  mltrend::Status Guard(const char* what, const std::function<mltrend::Status()>& call);
  mltrend::Status FoldInside();  //!< Fold's open and fold, between the guard's Enter and Leave

  SinkConfig config_;
  std::shared_ptr<LoadedPlugin> plugin_;
  Store& store_;
  std::shared_ptr<mltrend::Sink> sink_;
  std::unique_ptr<mltrend::Logger> log_;
  mltrend::CancelToken cancel_;
  std::unique_ptr<StoreSinkContext> context_;
  PluginGuard* guard_ = nullptr;
  std::string guard_key_;

  mutable std::mutex mutex_;
  SystemTime last_fold_{};
  std::string last_error_;
  bool opened_ = false;  //!< only touched by the thread that folds
};

//! Prunes the change log up to the lowest cursor among `sinks` (all of it
//! when there is no sink), recording the high-water mark first.
mltrend::Status PruneFoldedChanges(Store& store, const std::vector<std::unique_ptr<SinkInstance>>& sinks);

}  // namespace mltrendd
