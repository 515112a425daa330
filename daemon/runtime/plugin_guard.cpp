//===----------------------------------------------------------------------===//
// mltrendd — runtime/plugin_guard.cpp
//===----------------------------------------------------------------------===//
// Store layout: meta key "guard/<key>" = "<entered 0|1> <deaths> <fingerprint>\n<last death>".
// The mark before a run is the one synced write (an fsync per run or fold,
// never per record); leaving is an ordinary write: a power cut that loses
// it costs at most a mark seen again at the next start, which counts
// nothing without a fault record.
#include "mltrendd/runtime/plugin_guard.hpp"

#include <cstdio>
#include <sstream>
#include <variant>

#include <spdlog/spdlog.h>

#include "mltrendd/runtime/logging.hpp"

namespace mltrendd {
namespace {

std::string MetaKey(const std::string& key) { return "guard/" + key; }

//! FNV-1a, 64 bits: stable across builds and hosts, unlike std::hash.
void Mix(uint64_t& h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= 0xff;  // a separator, so ("ab","c") and ("a","bc") differ
  h *= 1099511628211ull;
}

void MixValues(uint64_t& h, const mltrend::ConfigValues& values) {
  for (const auto& [key, value] : values.All()) {
    Mix(h, key);
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            Mix(h, "s" + v);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            Mix(h, "i" + std::to_string(v));
          } else if constexpr (std::is_same_v<T, bool>) {
            Mix(h, v ? "b1" : "b0");
          } else if constexpr (std::is_same_v<T, std::chrono::milliseconds>) {
            Mix(h, "d" + std::to_string(v.count()));
          } else {
            Mix(h, "l" + std::to_string(v.size()));
            for (const auto& item : v) Mix(h, item);
          }
        },
        value);
  }
}

std::string Hex(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

constexpr uint64_t kFnvOffset = 14695981039346656037ull;

}  // namespace

std::string GuardKey(std::string_view kind, std::string_view name) {
  return std::string(kind) + "." + std::string(name);
}

std::string Fingerprint(const SourceConfig& c) {
  uint64_t h = kFnvOffset;
  for (const std::string& part : {c.plugin, std::to_string(c.interval.count()), std::to_string(c.jitter.count()),
                                  std::to_string(c.backoff_initial.count()), std::to_string(c.backoff_max.count())}) {
    Mix(h, part);
  }
  MixValues(h, c.values);
  return Hex(h);
}

std::string Fingerprint(const SinkConfig& c) {
  uint64_t h = kFnvOffset;
  Mix(h, c.plugin);
  MixValues(h, c.values);
  return Hex(h);
}

mltrend::Status PluginGuard::Load(const std::string& key, Record& out) {
  out = Record{};
  std::optional<std::string> value;
  if (auto s = store_.GetMeta(MetaKey(key), value); !s.ok()) return s;
  if (!value) return mltrend::Status::Ok();
  std::istringstream in(*value);
  int entered = 0;
  if (!(in >> entered >> out.deaths >> out.fingerprint)) {
    out = Record{};  // unreadable: as if absent (it only ever costs a count)
    return mltrend::Status::Ok();
  }
  out.entered = entered != 0;
  in.ignore(1);
  std::getline(in, out.last_death, '\0');
  return mltrend::Status::Ok();
}

mltrend::Status PluginGuard::Save(const std::string& key, const Record& r, bool synced) {
  const std::string value = std::string(r.entered ? "1 " : "0 ") + std::to_string(r.deaths) + " " +
                            (r.fingerprint.empty() ? "-" : r.fingerprint) + "\n" + r.last_death;
  return synced ? store_.PutMetaSynced(MetaKey(key), value) : store_.PutMeta(MetaKey(key), value);
}

void PluginGuard::Publish(const std::string& key, const Record& r) {
  records_[key] = r;
  GuardState& st = states_[key];
  st.deaths = r.deaths;
  st.last_death = r.last_death;
  st.quarantine.clear();
  if (quarantine_after_ > 0 && r.deaths >= quarantine_after_) {
    const std::string& name = names_[key];  // "source hf"
    const std::string bare = name.substr(name.find(' ') + 1);
    const std::string table = name.rfind("source", 0) == 0 ? "[[source]]" : "[[sink]]";
    st.quarantine = "quarantined after " + std::to_string(r.deaths) + " consecutive daemon deaths inside it (last: " +
                    r.last_death + "); not started until `mltrend unquarantine " + bare + "` or a change to its " +
                    table + " table";
  }
}

mltrend::Status PluginGuard::Recover(const std::filesystem::path& state_dir, const std::vector<std::string>& keys) {
  auto log = NamedLogger("mltrendd");
  std::string fault;
  mltrend::Status s = InstallFatalSignalRecord(state_dir / "plugin-fault.mltrendd", fault);
  if (!s.ok()) return s;
  std::string fault_key;
  int fault_signal = 0;
  {
    std::istringstream in(fault);
    in >> fault_key >> fault_signal;
  }
  for (const std::string& key : keys) {
    Record r;
    if (s = Load(key, r); !s.ok()) return s;
    if (!r.entered) continue;
    r.entered = false;
    if (key == fault_key) {
      r.deaths += 1;
      r.last_death = "signal " + std::to_string(fault_signal) + " (" + SignalName(fault_signal) + ") in " +
                     (key.rfind("source.", 0) == 0 ? "its run" : "its fold");
      log->error("the previous mltrendd died inside {}: {} (death {} in a row)", key, r.last_death, r.deaths);
    } else {
      // SIGKILL, the OOM killer, a power cut: nothing says the plugin was at fault.
      log->warn("the previous mltrendd stopped while inside {} without a fault there (killed from outside?); "
                "not counted as its death",
                key);
    }
    if (s = Save(key, r, false); !s.ok()) return s;
  }
  return mltrend::Status::Ok();
}

void PluginGuard::Register(const std::string& key, const std::string& kind_and_name, const std::string& fingerprint) {
  Record r;
  if (mltrend::Status s = Load(key, r); !s.ok()) {
    NamedLogger("mltrendd")->warn("plugin guard: {}", s.message());
  }
  if (r.fingerprint != fingerprint) {
    if (r.deaths > 0) {
      NamedLogger("mltrendd")->info("{}: its table changed; {} counted death(s) cleared", kind_and_name, r.deaths);
    }
    r.deaths = 0;
    r.last_death.clear();
    r.fingerprint = fingerprint;
    (void)Save(key, r, false);
  }
  std::lock_guard lock(mutex_);
  names_[key] = kind_and_name;
  Publish(key, r);
  if (!states_[key].quarantine.empty()) {
    NamedLogger("mltrendd")->error("{} {}", kind_and_name, states_[key].quarantine);
  }
}

mltrend::Status PluginGuard::Enter(const std::string& key) {
  Record r;
  {
    std::lock_guard lock(mutex_);
    inside_.insert(key);
    records_[key].entered = true;
    r = records_[key];
  }
  SetThreadInstance(key);
  return Save(key, r, true);
}

void PluginGuard::Leave(const std::string& key) {
  SetThreadInstance("");
  Record r;
  {
    std::lock_guard lock(mutex_);
    if (auto it = inside_.find(key); it != inside_.end()) inside_.erase(it);
    r = records_[key];
    r.entered = false;
    r.deaths = 0;
    r.last_death.clear();
    Publish(key, r);
  }
  if (mltrend::Status s = Save(key, r, false); !s.ok()) NamedLogger("mltrendd")->warn("plugin guard: {}", s.message());
}

std::vector<std::string> PluginGuard::Inside() const {
  std::lock_guard lock(mutex_);
  return {inside_.begin(), inside_.end()};
}

void PluginGuard::ChargeHang(const std::string& key, std::chrono::milliseconds grace) {
  Record r;
  {
    std::lock_guard lock(mutex_);
    r = records_[key];
    r.entered = false;
    r.deaths += 1;
    r.last_death = "did not return within shutdown_grace (" + std::to_string(grace.count()) + " ms) at a stop";
    Publish(key, r);
  }
  (void)Save(key, r, true);
}

mltrend::Status PluginGuard::Clear(const std::string& key) {
  Record r;
  {
    std::lock_guard lock(mutex_);
    auto it = records_.find(key);
    if (it == records_.end()) return mltrend::Status::NotFound("no configured instance " + key);
    r = it->second;
    r.deaths = 0;
    r.last_death.clear();
    Publish(key, r);
  }
  return Save(key, r, false);
}

GuardState PluginGuard::State(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = states_.find(key);
  return it == states_.end() ? GuardState{} : it->second;
}

GuardScope::GuardScope(PluginGuard* guard, const std::string& key, mltrend::Logger& log, const char* what)
    : guard_(guard), key_(key) {
  if (!guard_) return;
  if (mltrend::Status s = guard_->Enter(key_); !s.ok()) {
    log.Warn(std::string("cannot mark the ") + what + " in the store: " + s.message());
  }
}

GuardScope::~GuardScope() {
  if (guard_) guard_->Leave(key_);
}

}  // namespace mltrendd
