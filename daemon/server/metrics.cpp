//===----------------------------------------------------------------------===//
// mltrendd — server/metrics.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/server/metrics.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace mltrendd {

namespace {

constexpr SourceState kStates[] = {SourceState::kScheduled, SourceState::kRunning, SourceState::kBackoff,
                                   SourceState::kStopped, SourceState::kQuarantined};

double Seconds(SystemTime t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

//! "200", "429"...; "error" when no answer arrived, "other" for a status
//! outside 100..599 (a broken server must not mint label values).
std::string CodeLabel(int code) {
  if (code == SourceRunCounters::kHttpNoResponse) return "error";
  if (code < 100 || code > 599) return "other";
  return std::to_string(code);
}

//! Everything read from one source, taken once so that families written
//! one after the other agree.
struct SourceSnapshot {
  std::string name;
  SourceStatus status;
  uint64_t pages = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  std::map<int, uint64_t> http;
  mltrend::SourceProgress progress;
  uint64_t records = 0;
};

std::vector<SourceSnapshot> Snapshot(const ApiModel& model) {
  std::vector<SourceSnapshot> out;
  for (auto& src : *model.sources) {
    SourceSnapshot s;
    s.name = src->Config().name;
    s.status = src->Status();
    SourceRunCounters& c = src->Counters();
    s.pages = c.total.pages.load();
    s.inserted = c.total.inserted.load();
    s.updated = c.total.updated.load();
    s.unchanged = c.total.unchanged.load();
    s.rejected = c.total.rejected.load();
    {
      std::lock_guard lock(c.mutex);
      s.http = c.http_responses;
      s.progress = c.progress;
    }
    s.records = model.store->RecordCount(s.name);
    out.push_back(std::move(s));
  }
  return out;
}

void SourceFamilies(MetricsText& m, const std::vector<SourceSnapshot>& sources) {
  m.Family("mltrend_source_runs_total", "counter",
           "Runs of a source that ended (successful or not; a run the daemon cancelled is not counted). "
           "Persisted in the store: it continues across daemon restarts.");
  for (const auto& s : sources) m.Sample("mltrend_source_runs_total", {{"source", s.name}}, s.status.runs);
  m.Family("mltrend_source_failures_total", "counter",
           "Runs of a source that failed. Persisted in the store like mltrend_source_runs_total.");
  for (const auto& s : sources) m.Sample("mltrend_source_failures_total", {{"source", s.name}}, s.status.failures);
  m.Family("mltrend_source_pages_total", "counter", "Pages a source committed since the daemon started.");
  for (const auto& s : sources) m.Sample("mltrend_source_pages_total", {{"source", s.name}}, s.pages);
  m.Family("mltrend_source_records_total", "counter",
           "Records in the pages a source committed since the daemon started, by what the store did with them.");
  for (const auto& s : sources) {
    const std::pair<const char*, uint64_t> results[] = {
        {"inserted", s.inserted}, {"updated", s.updated}, {"unchanged", s.unchanged}, {"rejected", s.rejected}};
    for (const auto& [result, n] : results) {
      m.Sample("mltrend_source_records_total", {{"source", s.name}, {"result", result}}, n);
    }
  }
  m.Family("mltrend_source_http_requests_total", "counter",
           "HTTP exchanges of a source since the daemon started, by final status after redirects "
           "(code=\"error\": no answer arrived).");
  for (const auto& s : sources) {
    for (const auto& [code, n] : s.http) {
      m.Sample("mltrend_source_http_requests_total", {{"source", s.name}, {"code", CodeLabel(code)}}, n);
    }
  }
  m.Family("mltrend_source_rate_limit_remaining", "gauge",
           "Requests left in the rate-limit budget the source last read from its server.");
  for (const auto& s : sources) {
    if (s.progress.rate_limit_remaining < 0) continue;
    m.Sample("mltrend_source_rate_limit_remaining",
             {{"source", s.name}, {"resource", s.progress.rate_limit_resource}},
             static_cast<double>(s.progress.rate_limit_remaining));
  }
  m.Family("mltrend_source_rate_limit_limit", "gauge", "Size of that rate-limit budget.");
  for (const auto& s : sources) {
    if (s.progress.rate_limit_limit < 0) continue;
    m.Sample("mltrend_source_rate_limit_limit", {{"source", s.name}, {"resource", s.progress.rate_limit_resource}},
             static_cast<double>(s.progress.rate_limit_limit));
  }
  m.Family("mltrend_source_rate_limit_reset_timestamp_seconds", "gauge",
           "When that rate-limit budget is refilled, as Unix seconds.");
  for (const auto& s : sources) {
    if (s.progress.rate_limit_reset_epoch <= 0) continue;
    m.Sample("mltrend_source_rate_limit_reset_timestamp_seconds",
             {{"source", s.name}, {"resource", s.progress.rate_limit_resource}},
             static_cast<double>(s.progress.rate_limit_reset_epoch));
  }
  m.Family("mltrend_source_last_success_timestamp_seconds", "gauge",
           "When the last successful run of a source ended, as Unix seconds (0: never).");
  for (const auto& s : sources) {
    m.Sample("mltrend_source_last_success_timestamp_seconds", {{"source", s.name}}, Seconds(s.status.last_success));
  }
  m.Family("mltrend_source_next_run_timestamp_seconds", "gauge",
           "When the next run of a source is due, as Unix seconds (0: not scheduled).");
  for (const auto& s : sources) {
    m.Sample("mltrend_source_next_run_timestamp_seconds", {{"source", s.name}}, Seconds(s.status.next_run));
  }
  m.Family("mltrend_source_up", "gauge", "1 unless the last finished run of a source failed.");
  for (const auto& s : sources) {
    m.Sample("mltrend_source_up", {{"source", s.name}}, uint64_t{s.status.consecutive_failures == 0 ? 1u : 0u});
  }
  m.Family("mltrend_source_consecutive_failures", "gauge", "Failed runs of a source in a row (0 after a success).");
  for (const auto& s : sources) {
    m.Sample("mltrend_source_consecutive_failures", {{"source", s.name}},
             static_cast<uint64_t>(std::max(0, s.status.consecutive_failures)));
  }
  m.Family("mltrend_source_state", "gauge",
           "1 for the state a source is in (scheduled, running, backoff, stopped, quarantined), 0 for the others.");
  for (const auto& s : sources) {
    for (SourceState state : kStates) {
      m.Sample("mltrend_source_state", {{"source", s.name}, {"state", SourceStateName(state)}},
               uint64_t{s.status.state == state ? 1u : 0u});
    }
  }
  m.Family("mltrend_store_records", "gauge", "Records the store holds for a source.");
  for (const auto& s : sources) m.Sample("mltrend_store_records", {{"source", s.name}}, s.records);
}

void SinkFamilies(MetricsText& m, const ApiModel& model, uint64_t head) {
  struct Row {
    std::string name;
    uint64_t cursor;
    SystemTime last_fold;
    bool ok;
  };
  std::vector<Row> rows;
  for (auto& sink : *model.sinks) {
    rows.push_back({sink->Config().name, sink->Cursor(), sink->LastFold(), sink->LastError().empty()});
  }
  m.Family("mltrend_sink_cursor", "gauge", "The change-log sequence a sink has folded up to.");
  for (const auto& r : rows) m.Sample("mltrend_sink_cursor", {{"sink", r.name}}, r.cursor);
  m.Family("mltrend_sink_lag", "gauge", "Change-log entries not yet folded by a sink (head minus cursor).");
  for (const auto& r : rows) m.Sample("mltrend_sink_lag", {{"sink", r.name}}, head - std::min(head, r.cursor));
  m.Family("mltrend_sink_last_fold_timestamp_seconds", "gauge",
           "When a sink last folded successfully, as Unix seconds (0: not since the daemon started).");
  for (const auto& r : rows) m.Sample("mltrend_sink_last_fold_timestamp_seconds", {{"sink", r.name}}, Seconds(r.last_fold));
  m.Family("mltrend_sink_up", "gauge", "1 unless the last fold (or open) of a sink failed.");
  for (const auto& r : rows) m.Sample("mltrend_sink_up", {{"sink", r.name}}, uint64_t{r.ok ? 1u : 0u});
}

//! Crash-loop protection (runtime/plugin_guard.hpp), one series per instance.
void GuardFamilies(MetricsText& m, const ApiModel& model) {
  struct Row {
    const char* kind;
    std::string name;
    GuardState state;
  };
  std::vector<Row> rows;
  for (auto& src : *model.sources) rows.push_back({"source", src->Config().name, src->GuardStatus()});
  for (auto& sink : *model.sinks) rows.push_back({"sink", sink->Config().name, sink->GuardStatus()});
  m.Family("mltrend_plugin_consecutive_deaths", "gauge",
           "Daemon deaths in a row inside a plugin instance (a fatal signal in its run or fold, a hang at stop); "
           "0 once one of its runs or folds returns.");
  for (const auto& r : rows) {
    m.Sample("mltrend_plugin_consecutive_deaths", {{"kind", r.kind}, {"instance", r.name}},
             static_cast<uint64_t>(r.state.deaths));
  }
  m.Family("mltrend_plugin_quarantined", "gauge",
           "1 when a plugin instance is quarantined (not started after quarantine_after deaths), else 0.");
  for (const auto& r : rows) {
    m.Sample("mltrend_plugin_quarantined", {{"kind", r.kind}, {"instance", r.name}},
             uint64_t{r.state.quarantine.empty() ? 0u : 1u});
  }
}

}  // namespace

double ProcessStartSeconds(double fallback) {
  // Field 22 of /proc/self/stat is the start in clock ticks after boot;
  // "btime" in /proc/stat is the boot as Unix seconds. Field 2 (the
  // command) may hold spaces, so fields are counted after its ')'.
  std::ifstream stat_file("/proc/self/stat");
  std::string line;
  if (!std::getline(stat_file, line)) return fallback;
  size_t close = line.rfind(')');
  if (close == std::string::npos) return fallback;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) std::from_chars(field.data(), field.data() + field.size(), start_ticks);
  }
  std::ifstream proc_stat("/proc/stat");
  std::string key;
  unsigned long long btime = 0;
  while (proc_stat >> key) {
    if (key == "btime") {
      proc_stat >> btime;
      break;
    }
    std::getline(proc_stat, line);
  }
  const long ticks_per_second = ::sysconf(_SC_CLK_TCK);
  if (btime == 0 || start_ticks == 0 || ticks_per_second <= 0) return fallback;
  return static_cast<double>(btime) + static_cast<double>(start_ticks) / static_cast<double>(ticks_per_second);
}

std::string RenderMetrics(const ApiModel& model, const QueryMetrics& queries) {
  MetricsText m;
  std::vector<SourceSnapshot> sources = Snapshot(model);
  const uint64_t head = model.store->LastSequence();
  SourceFamilies(m, sources);
  SinkFamilies(m, model, head);
  GuardFamilies(m, model);

  m.Family("mltrend_store_size_bytes", "gauge", "Approximate size of the store on disk (RocksDB files).");
  m.Sample("mltrend_store_size_bytes", {}, model.store->ApproximateSizeBytes());
  m.Family("mltrend_store_change_log_head", "gauge", "The last sequence written to the change log.");
  m.Sample("mltrend_store_change_log_head", {}, head);

  queries.Render(m);

  m.Family("mltrend_build_info", "gauge", "Always 1; the daemon's version as a label.");
  m.Sample("mltrend_build_info", {{"version", MLTREND_VERSION}}, uint64_t{1});
  m.Family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.");
  m.Sample("process_start_time_seconds", {}, ProcessStartSeconds(Seconds(model.started)));
  return m.Take();
}

}  // namespace mltrendd
