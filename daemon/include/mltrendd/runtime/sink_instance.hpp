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
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! One configured `[[sink]]`: its plugin object and its context over the store.
class SinkInstance {
 public:
  SinkInstance(SinkConfig config, std::shared_ptr<LoadedPlugin> plugin, Store& store,
               std::vector<std::string> source_names);

  const SinkConfig& Config() const { return config_; }
  const LoadedPlugin& Plugin() const { return *plugin_; }
  mltrend::Sink& Sink() { return *sink_; }
  uint64_t Cursor() const { return context_->Cursor(); }

  //! Opens the sink (which recomputes when its context reports ChangesLost).
  mltrend::Status Open();
  //! Folds pending changes; never throws.
  mltrend::Status Fold();
  void Cancel() { cancel_.Cancel(); }

  SystemTime LastFold() const;
  std::string LastError() const;

 private:
  mltrend::Status Guard(const char* what, const std::function<mltrend::Status()>& call);

  SinkConfig config_;
  std::shared_ptr<LoadedPlugin> plugin_;
  Store& store_;
  std::shared_ptr<mltrend::Sink> sink_;
  std::unique_ptr<mltrend::Logger> log_;
  mltrend::CancelToken cancel_;
  std::unique_ptr<StoreSinkContext> context_;

  mutable std::mutex mutex_;
  SystemTime last_fold_{};
  std::string last_error_;
};

//! Prunes the change log up to the lowest cursor among `sinks` (all of it
//! when there is no sink), recording the high-water mark first.
mltrend::Status PruneFoldedChanges(Store& store, const std::vector<std::unique_ptr<SinkInstance>>& sinks);

}  // namespace mltrendd
