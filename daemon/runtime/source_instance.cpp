#include "mltrendd/runtime/source_instance.hpp"

#include <ctime>
#include <exception>

#include "mltrendd/runtime/logging.hpp"
#include "mltrendd/secrets/secrets.hpp"

namespace mltrendd {

const char* SourceStateName(SourceState state) {
  switch (state) {
    case SourceState::kScheduled: return "scheduled";
    case SourceState::kRunning: return "running";
    case SourceState::kBackoff: return "backoff";
    case SourceState::kStopped: return "stopped";
    case SourceState::kQuarantined: return "quarantined";
  }
  return "unknown";
}

std::string FormatTime(SystemTime t) {
  if (t.time_since_epoch().count() == 0) return "";
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {
int64_t ToEpoch(SystemTime t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }
SystemTime FromEpoch(int64_t s) { return SystemTime(std::chrono::seconds(s)); }
std::string MetaKey(const std::string& source) { return "source/" + source + "/status"; }
}  // namespace

SourceInstance::SourceInstance(SourceConfig config, std::shared_ptr<LoadedPlugin> plugin, PluginGuard* guard)
    : config_(std::move(config)),
      plugin_(std::move(plugin)),
      source_(plugin_ ? plugin_->CreateSource() : nullptr),
      log_(MakePluginLogger("source." + config_.name, config_.plugin)),
      guard_(guard),
      guard_key_(mltrendd::GuardKey("source", config_.name)) {}

SourceStatus SourceInstance::Status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void SourceInstance::SetScheduled(SystemTime next_run, SourceState state) {
  std::lock_guard lock(mutex_);
  status_.next_run = next_run;
  status_.state = state;
}

void SourceInstance::CancelRun() {
  std::lock_guard lock(mutex_);
  if (cancel_) cancel_->Cancel();
  status_.state = SourceState::kStopped;
}

mltrend::Status SourceInstance::RunOnce(Store& store, const HttpClientOptions& http_options) {
  if (GuardState g = GuardStatus(); !g.quarantine.empty()) return mltrend::Status::Internal(g.quarantine);
  auto cancel = std::make_shared<mltrend::CancelToken>();
  {
    std::lock_guard lock(mutex_);
    if (status_.state == SourceState::kStopped) return mltrend::Status::Cancelled("source is stopping");
    cancel_ = cancel;
    status_.state = SourceState::kRunning;
    status_.last_start = std::chrono::system_clock::now();
  }
  counters_.Reset();
  log_->Info("run started");

  mltrend::Status result;
  {
    GuardScope inside(guard_, guard_key_, *log_, "run");
    try {
      BeastHttpClient http(http_options, cancel.get());
      StoreSourceContext ctx(store, config_.name, config_.values, http, *cancel, *log_, &counters_);
      result = source_->Run(ctx);
    } catch (const std::exception& e) {
      result = mltrend::Status::Internal(std::string("plugin threw an exception: ") + e.what());
    } catch (...) {
      result = mltrend::Status::Internal("plugin threw a non-standard exception");
    }
  }

  // A run the daemon cancelled (stop, reload) did not fail: it keeps the
  // last outcome and does not lengthen the next backoff.
  const bool stopped_by_us = result.code() == mltrend::StatusCode::kCancelled && cancel->Cancelled();
  {
    std::lock_guard lock(mutex_);
    cancel_.reset();
    status_.last_end = std::chrono::system_clock::now();
  }
  if (stopped_by_us) {
    log_->Info("run abandoned on request (nothing of the page in flight was committed)");
    return result;
  }
  {
    std::lock_guard lock(mutex_);
    status_.runs += 1;
    status_.last_ok = result.ok();
    status_.retry_after = result.RetryAfter();
    if (result.ok()) {
      status_.last_success = status_.last_end;
      status_.consecutive_failures = 0;
      status_.last_error.clear();
    } else {
      status_.failures += 1;
      status_.consecutive_failures += 1;
      status_.last_error = Redact(result.message());
    }
  }
  std::string summary = "pages " + std::to_string(counters_.pages.load()) + ", inserted " +
                        std::to_string(counters_.inserted.load()) + ", updated " +
                        std::to_string(counters_.updated.load()) + ", unchanged " +
                        std::to_string(counters_.unchanged.load()) + ", rejected " +
                        std::to_string(counters_.rejected.load());
  if (result.ok()) {
    log_->Info("run finished: " + summary);
  } else {
    log_->Error("run failed: " + result.message() + " (" + summary + ")");
  }
  PersistStatus(store);
  return result;
}

void SourceInstance::PersistStatus(Store& store) {
  SourceStatus s = Status();
  std::string value = std::to_string(ToEpoch(s.last_start)) + " " + std::to_string(ToEpoch(s.last_end)) + " " +
                      std::to_string(ToEpoch(s.last_success)) + " " + std::to_string(s.consecutive_failures) +
                      " " + std::to_string(s.runs) + " " + std::to_string(s.failures) + "\n" + s.last_error;
  mltrend::Status st = store.PutMeta(MetaKey(config_.name), value);
  if (!st.ok()) log_->Warn("cannot persist run status: " + st.message());
}

void SourceInstance::LoadPersistedStatus(Store& store) {
  std::optional<std::string> value;
  if (!store.GetMeta(MetaKey(config_.name), value).ok() || !value) return;
  long long start = 0, end = 0, success = 0, runs = 0, failures = 0;
  int consecutive = 0;
  int consumed = 0;
  if (std::sscanf(value->c_str(), "%lld %lld %lld %d %lld %lld%n", &start, &end, &success, &consecutive, &runs,
                  &failures, &consumed) < 6)
    return;
  std::lock_guard lock(mutex_);
  status_.last_start = FromEpoch(start);
  status_.last_end = FromEpoch(end);
  status_.last_success = FromEpoch(success);
  status_.consecutive_failures = consecutive;
  status_.runs = static_cast<uint64_t>(runs);
  status_.failures = static_cast<uint64_t>(failures);
  status_.last_ok = consecutive == 0 && end > 0;
  size_t newline = value->find('\n');
  // Redacted again: a store written before the secret was registered.
  if (newline != std::string::npos) status_.last_error = Redact(value->substr(newline + 1));
}

}  // namespace mltrendd
