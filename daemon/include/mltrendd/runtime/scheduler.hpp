//===----------------------------------------------------------------------===//
// mltrendd — runtime/scheduler.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <vector>

#include "mltrendd/http/http_client.hpp"
#include "mltrendd/runtime/backoff.hpp"
#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! Runs each source on its own timer (interval + jitter after success,
//! capped exponential backoff after failure, never sooner than the server
//! asked), one run per source at a time, on a worker pool so the event loop
//! stays free for queries. After every run that committed something, the
//! sinks fold on their own thread; folds requested while one is pending
//! coalesce into one. A fold that failed (a full disk, a sink's error) is
//! tried again on its own after kFoldRetry's backoff, so the sinks catch up
//! once the fault clears even when no source commits again for hours.
class Scheduler {
 public:
  //! Retries of a failed fold: 1 s doubled per failure in a row, at most 5 min.
  static constexpr std::chrono::seconds kFoldRetryInitial{1};
  static constexpr std::chrono::seconds kFoldRetryMax{300};

  Scheduler(boost::asio::io_context& io, Store& store, HttpClientOptions http_options,
            std::vector<std::unique_ptr<SourceInstance>>& sources,
            std::vector<std::unique_ptr<SinkInstance>>& sinks);
  ~Scheduler();

  //! Arms every source's first timer: at once when a crawl was interrupted
  //! (a checkpoint is pending) or the last success is older than the
  //! interval; otherwise when the interval since the last success ends.
  void Start();
  //! Stops timers and cancels runs in progress (each abandons its current
  //! page). Returns at once; WaitForRuns() waits for them to end.
  void Stop();
  //! Waits until no run and no fold is in progress, up to `grace`. Returns
  //! false when the grace period ran out.
  bool WaitForRuns(std::chrono::milliseconds grace);
  //! Queues a fold of every sink (coalesced with one already queued).
  void RequestFold();
  //! Queues a first fold of every sink, which opens them (a recompute when
  //! their state is stale), then posts `done` to the event loop: the daemon
  //! reports READY from there, so a ready daemon answers trends at once.
  //! Never coalesced. Call before Start().
  void OpenSinks(std::function<void()> done);
  // ---- reload (event loop thread only) ----------------------------------

  //! Schedules a source added by a reload; its first run is armed as
  //! Start() arms one. `source` must outlive the scheduler or its removal.
  void AddSource(SourceInstance& source);
  //! Arms `source` as Start() would, e.g. once its quarantine is cleared.
  void Resume(SourceInstance& source);
  //! Stops scheduling `source`: its timer is cancelled and its run in
  //! progress, if any, abandons its current page. `owner` (the instance
  //! itself) is kept alive until that run has ended, then destroyed.
  void RemoveSource(SourceInstance& source, std::unique_ptr<SourceInstance> owner);
  //! Runs `swap` (which replaces the daemon's sink list) on the event loop
  //! while the fold thread is parked, so neither a fold nor a query ever
  //! sees a half-changed list; then folds, which opens the new sinks.
  void ReplaceSinks(std::function<void()> swap);
  //! HTTP settings for runs launched from now on.
  void SetHttpOptions(HttpClientOptions options) { http_options_ = std::move(options); }

  //! Called on the event loop after each run ended and the source's next
  //! run was armed (metrics, status lines, tests).
  void OnRunFinished(std::function<void(SourceInstance&, const mltrend::Status&)> callback) {
    on_finished_ = std::move(callback);
  }

 private:
  struct Slot;
  void ArmFirst(Slot& slot);
  void Arm(Slot& slot, std::chrono::milliseconds delay, SourceState state);
  void Launch(Slot& slot);
  void Finished(Slot& slot, mltrend::Status status, uint64_t committed_pages);
  double Jitter();
  //! Folds every sink and prunes the change log (fold thread). Returns
  //! false when a sink that is not quarantined failed, or the prune did.
  bool FoldAll(bool prune);
  //! After FoldAll (fold thread): arms the retry timer when it failed.
  void ScheduleFoldRetry(bool folded);

  boost::asio::io_context& io_;
  Store& store_;
  HttpClientOptions http_options_;
  std::vector<std::unique_ptr<SinkInstance>>& sinks_;
  std::vector<std::unique_ptr<Slot>> slots_;
  //! At least kMinRunThreads, so sources added by a reload run at once.
  boost::asio::thread_pool run_pool_;
  boost::asio::thread_pool fold_pool_{1};
  std::atomic<bool> fold_queued_{false};
  int fold_failures_ = 0;                       //!< in a row; fold thread only
  boost::asio::steady_timer fold_retry_timer_;  //!< event loop thread only
  std::atomic<bool> stopping_{false};
  std::mt19937_64 rng_{std::random_device{}()};
  std::function<void(SourceInstance&, const mltrend::Status&)> on_finished_;

  std::mutex busy_mutex_;
  std::condition_variable busy_cv_;
  int busy_ = 0;  //!< runs + folds in progress or queued
};

}  // namespace mltrendd
