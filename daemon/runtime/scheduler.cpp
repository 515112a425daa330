#include "mltrendd/runtime/scheduler.hpp"

#include <boost/asio/post.hpp>

#include <malloc.h>

#include <algorithm>
#include <future>
#include <memory>

#include <spdlog/spdlog.h>

#include "mltrendd/runtime/logging.hpp"

namespace mltrendd {

struct Scheduler::Slot {
  Slot(boost::asio::io_context& io, SourceInstance& s) : source(s), timer(io) {}
  SourceInstance& source;
  boost::asio::steady_timer timer;
  bool running = false;  //!< touched only on the event loop thread
  //! Set when a reload removed the source: the slot goes once its run ends.
  bool removed = false;
  std::unique_ptr<SourceInstance> retired;  //!< keeps a removed source alive for its run
};

namespace {
NextRunPolicy PolicyOf(const SourceConfig& c) {
  return NextRunPolicy{c.interval, c.jitter, c.backoff_initial, c.backoff_max};
}
// Threads for source runs: one per source, and never fewer than this, so a
// source a reload adds does not queue behind the others.
constexpr size_t kMinRunThreads = 4;

//! Hands the heap's free pages back to the kernel after a fold, at most once
//! a second (folds run one at a time). A fold decodes and frees thousands
//! of records, and glibc keeps what they freed, scattered between live
//! blocks: after a 300k ingest the idle daemon stayed at its 230 MB peak
//! (heaptrack: a 117 MB heap); with this it drops to about 95 MB.
void ReleaseFreedMemory() {
  static std::chrono::steady_clock::time_point last;
  const auto now = std::chrono::steady_clock::now();
  if (now - last < std::chrono::seconds(1)) return;
  last = now;
  malloc_trim(0);
}
}  // namespace

Scheduler::Scheduler(boost::asio::io_context& io, Store& store, HttpClientOptions http_options,
                     std::vector<std::unique_ptr<SourceInstance>>& sources,
                     std::vector<std::unique_ptr<SinkInstance>>& sinks)
    : io_(io),
      store_(store),
      http_options_(std::move(http_options)),
      sinks_(sinks),
      run_pool_(std::max(kMinRunThreads, sources.size())),
      fold_retry_timer_(io) {
  for (auto& s : sources) slots_.push_back(std::make_unique<Slot>(io_, *s));
}

Scheduler::~Scheduler() {
  Stop();
  run_pool_.join();
  fold_pool_.join();
}

double Scheduler::Jitter() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

void Scheduler::Start() {
  for (auto& slot : slots_) ArmFirst(*slot);
}

void Scheduler::ArmFirst(Slot& slot) {
  auto now = std::chrono::system_clock::now();
  SourceInstance& src = slot.source;
  src.LoadPersistedStatus(store_);
  if (src.Quarantined()) {
    src.SetScheduled(SystemTime{}, SourceState::kQuarantined);  // Resume() arms it once cleared
    return;
  }
  SourceStatus st = src.Status();
  std::string checkpoint;
  (void)store_.GetCheckpoint(src.Config().name, checkpoint);
  NextRunPolicy policy = PolicyOf(src.Config());
  std::chrono::milliseconds delay{0};
  if (checkpoint.empty() && st.last_success.time_since_epoch().count() != 0) {
    auto due = st.last_success + policy.interval;
    if (due > now) delay = std::chrono::duration_cast<std::chrono::milliseconds>(due - now);
  }
  delay += std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(policy.jitter.count()) * Jitter()));
  Arm(slot, delay, SourceState::kScheduled);
}

void Scheduler::AddSource(SourceInstance& source) {
  slots_.push_back(std::make_unique<Slot>(io_, source));
  ArmFirst(*slots_.back());
}

void Scheduler::Resume(SourceInstance& source) {
  auto it = std::find_if(slots_.begin(), slots_.end(), [&](const auto& s) { return &s->source == &source; });
  if (it == slots_.end() || (*it)->running || (*it)->removed) return;
  (*it)->timer.cancel();
  ArmFirst(**it);
}

void Scheduler::RemoveSource(SourceInstance& source, std::unique_ptr<SourceInstance> owner) {
  auto it = std::find_if(slots_.begin(), slots_.end(), [&](const auto& s) { return &s->source == &source; });
  if (it == slots_.end()) return;
  Slot& slot = **it;
  slot.timer.cancel();
  if (!slot.running) {
    slots_.erase(it);  // `owner` goes with this call
    return;
  }
  slot.removed = true;
  slot.retired = std::move(owner);
  slot.source.CancelRun();
}

void Scheduler::ReplaceSinks(std::function<void()> swap) {
  {
    std::lock_guard lock(busy_mutex_);
    ++busy_;
  }
  boost::asio::post(fold_pool_, [this, swap = std::move(swap)] {
    // Park this (the only fold) thread until the event loop has swapped the
    // list. If the loop stops first the swap never runs, and neither do folds.
    auto swapped = std::make_shared<std::promise<void>>();
    auto done = swapped->get_future();
    boost::asio::post(io_, [swap, swapped] {
      swap();
      swapped->set_value();
    });
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready && !stopping_) {
    }
    if (!stopping_) {
      for (auto& sink : sinks_) (void)sink->Fold();
    }
    std::lock_guard lock(busy_mutex_);
    --busy_;
    busy_cv_.notify_all();
  });
}

void Scheduler::Arm(Slot& slot, std::chrono::milliseconds delay, SourceState state) {
  if (stopping_) return;
  slot.source.SetScheduled(std::chrono::system_clock::now() + delay, state);
  slot.timer.expires_after(delay);
  slot.timer.async_wait([this, &slot](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    Launch(slot);
  });
}

void Scheduler::Launch(Slot& slot) {
  if (slot.running) return;
  slot.running = true;
  {
    std::lock_guard lock(busy_mutex_);
    ++busy_;
  }
  // A copy: a reload may change the options while this run goes on.
  boost::asio::post(run_pool_, [this, &slot, http = http_options_] {
    mltrend::Status status = slot.source.RunOnce(store_, http);
    uint64_t pages = slot.source.Counters().pages.load();
    boost::asio::post(io_, [this, &slot, status, pages] { Finished(slot, status, pages); });
    // The busy count drops only after Finished is queued, so WaitForRuns
    // never sees an idle scheduler with a completion still in flight.
    std::lock_guard lock(busy_mutex_);
    --busy_;
    busy_cv_.notify_all();
  });
}

void Scheduler::Finished(Slot& slot, mltrend::Status status, uint64_t committed_pages) {
  slot.running = false;
  if (committed_pages > 0) RequestFold();
  if (slot.removed) {
    // Removed by a reload while it ran: the slot and the instance go now.
    std::erase_if(slots_, [&](const auto& s) { return s.get() == &slot; });
    return;
  }
  if (!stopping_) {
    NextRunPolicy policy = PolicyOf(slot.source.Config());
    if (status.ok()) {
      Arm(slot, policy.AfterSuccess(Jitter()), SourceState::kScheduled);
    } else {
      Arm(slot, policy.AfterFailure(slot.source.Status().consecutive_failures, status.RetryAfter()),
          SourceState::kBackoff);
    }
  }
  if (on_finished_) on_finished_(slot.source, status);
}

void Scheduler::RequestFold() {
  if (sinks_.empty() || fold_queued_.exchange(true)) return;
  {
    std::lock_guard lock(busy_mutex_);
    ++busy_;
  }
  boost::asio::post(fold_pool_, [this] {
    fold_queued_ = false;
    if (!stopping_) ScheduleFoldRetry(FoldAll(/*prune=*/true));
    ReleaseFreedMemory();
    std::lock_guard lock(busy_mutex_);
    --busy_;
    busy_cv_.notify_all();
  });
}

bool Scheduler::FoldAll(bool prune) {
  bool folded = true;
  for (auto& sink : sinks_) {
    // A quarantined sink refuses every fold until it is cleared; retrying
    // it would only repeat the refusal.
    if (!sink->Fold().ok() && sink->GuardStatus().quarantine.empty()) folded = false;
  }
  if (!prune) return folded;
  mltrend::Status s = PruneFoldedChanges(store_, sinks_);
  if (!s.ok()) NamedLogger("mltrendd")->warn("cannot prune the change log: {}", s.message());
  return folded && s.ok();
}

void Scheduler::ScheduleFoldRetry(bool folded) {
  if (folded) {
    if (fold_failures_ > 0) {
      NamedLogger("mltrendd")->info("the sinks folded again after {} failed folds", fold_failures_);
    }
    fold_failures_ = 0;
    return;
  }
  if (stopping_) return;  // a fold cancelled by Stop() is not a fault
  ++fold_failures_;
  const NextRunPolicy retry{{}, {}, kFoldRetryInitial, kFoldRetryMax};
  const std::chrono::milliseconds delay = retry.AfterFailure(fold_failures_, std::nullopt);
  NamedLogger("mltrendd")->warn("a fold failed ({} in a row); the sinks fold again in {} ms", fold_failures_,
                                delay.count());
  boost::asio::post(io_, [this, delay] {
    if (stopping_) return;
    fold_retry_timer_.expires_after(delay);
    fold_retry_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec && !stopping_) RequestFold();
    });
  });
}

void Scheduler::OpenSinks(std::function<void()> done) {
  {
    std::lock_guard lock(busy_mutex_);
    ++busy_;
  }
  boost::asio::post(fold_pool_, [this, done = std::move(done)] {
    // A sink that cannot open yet is ready when a later fold opens it: the
    // retry timer brings that fold even when no source commits.
    ScheduleFoldRetry(FoldAll(/*prune=*/false));
    boost::asio::post(io_, done);
    std::lock_guard lock(busy_mutex_);
    --busy_;
    busy_cv_.notify_all();
  });
}

void Scheduler::Stop() {
  if (stopping_.exchange(true)) return;
  for (auto& slot : slots_) {
    slot->timer.cancel();
    slot->source.CancelRun();
  }
  for (auto& sink : sinks_) sink->Cancel();
  fold_retry_timer_.cancel();
}

bool Scheduler::WaitForRuns(std::chrono::milliseconds grace) {
  std::unique_lock lock(busy_mutex_);
  return busy_cv_.wait_for(lock, grace, [this] { return busy_ == 0; });
}

}  // namespace mltrendd
