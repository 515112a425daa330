#include "mltrendd/server/api.hpp"

#include "mltrend/json_writer.hpp"
#include "mltrendd/server/metrics.hpp"
#include "mltrendd/server/query_params.hpp"
#include "mltrendd/server/routes.hpp"

namespace mltrendd {

ApiAnswer ErrorAnswer(int status, std::string_view code, std::string_view message, std::string_view parameter) {
  mltrend::JsonWriter w;
  w.BeginObject().Key("error").String(code).Key("message").String(message);
  if (!parameter.empty()) w.Key("parameter").String(parameter);
  w.EndObject();
  return ApiAnswer{status, "application/json", w.Take(), ""};
}

namespace {
void TimeField(mltrend::JsonWriter& w, std::string_view key, SystemTime t) { w.Key(key).StringOrNull(FormatTime(t)); }

const char* KindName(mltrend::PluginKind kind) { return kind == mltrend::PluginKind::kSource ? "source" : "sink"; }
//! "records_per_second" of the current run (or the last one, once it ended):
//! records the pages carried, over the run's wall time so far.
void RunRate(mltrend::JsonWriter& w, const SourceStatus& st, const SourceRunCounters& c) {
  const uint64_t records = c.inserted.load() + c.updated.load() + c.unchanged.load() + c.rejected.load();
  const SystemTime end = st.state == SourceState::kRunning || st.last_end < st.last_start
                             ? std::chrono::system_clock::now()
                             : st.last_end;
  const double seconds = std::chrono::duration<double>(end - st.last_start).count();
  w.Key("records_per_second");
  if (st.last_start == SystemTime{} || seconds <= 0) {
    w.Null();
  } else {
    w.Double(static_cast<double>(records) / seconds);
  }
}

//! The server's budget as the source last read it; null fields are unknown.
void RateLimitObject(mltrend::JsonWriter& w, const mltrend::SourceProgress& p) {
  w.Key("rate_limit").BeginObject();
  w.Key("resource").String(p.rate_limit_resource);
  w.Key("remaining");
  if (p.rate_limit_remaining < 0) {
    w.Null();
  } else {
    w.Int(p.rate_limit_remaining);
  }
  w.Key("limit");
  if (p.rate_limit_limit < 0) {
    w.Null();
  } else {
    w.Int(p.rate_limit_limit);
  }
  TimeField(w, "reset", p.rate_limit_reset_epoch > 0
                            ? SystemTime(std::chrono::seconds(p.rate_limit_reset_epoch))
                            : SystemTime{});
  w.EndObject();
}

}  // namespace

ApiAnswer Api::Handle(std::string_view method, std::string_view target) const {
  ParsedTarget parsed;
  std::string bad;
  mltrend::Status s = ParseTarget(target, parsed, bad);
  if (!s.ok()) return ErrorAnswer(400, "bad_parameter", s.message(), bad);
  const RouteMatch match = MatchRoute(method, parsed.path);
  if (match.path.empty()) return SinkAnswer(method, std::move(parsed.path), std::move(parsed.params));
  if (!match.route) return MethodNotAllowed(parsed.path, match.allow);
  for (const auto& [name, value] : parsed.params) {
    bool accepted = false;
    for (std::string_view p : match.route->params) accepted = accepted || p == name;
    if (!accepted) {
      return ErrorAnswer(400, "bad_parameter", "parameter '" + name + "' is not accepted by " + parsed.path, name);
    }
  }
  return (this->*match.route->handler)(RouteRequest{match.name, parsed.params});
}

ApiAnswer Api::SinkAnswer(std::string_view method, std::string path, std::map<std::string, std::string> params) const {
  // Several sinks may answer one route (two framework_share sinks, one with
  // official_only): `sink=NAME` picks one; without it the first answers.
  std::string wanted_sink;
  if (auto it = params.find("sink"); it != params.end()) {
    wanted_sink = it->second;
    params.erase(it);
  }
  bool route_known = false;
  for (auto& sink : *model_.sinks) {
    for (const std::string& route : sink->Sink().Routes()) {
      if (route != path) continue;
      // A sink's routes are read-only.
      if (method != "GET") return MethodNotAllowed(path, "GET");
      route_known = true;
      if (!wanted_sink.empty() && sink->Config().name != wanted_sink) continue;
      mltrend::QueryRequest request{path, params};
      mltrend::QueryResponse response;
      mltrend::Status qs;
      try {
        qs = sink->Sink().Query(request, response);
      } catch (const std::exception& e) {
        qs = mltrend::Status::Internal(std::string("sink threw: ") + e.what());
      }
      if (!qs.ok()) return ErrorAnswer(500, "internal", "sink " + sink->Config().name + ": " + qs.message());
      return ApiAnswer{response.status, std::move(response.content_type), std::move(response.body), ""};
    }
  }
  if (route_known) {
    return ErrorAnswer(400, "bad_parameter", "no sink '" + wanted_sink + "' answers " + path, "sink");
  }
  return ErrorAnswer(404, "not_found", "no such endpoint: " + path);
}

std::string Api::PathLabel(std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  if (const RouteMatch match = MatchRoute("", path); !match.path.empty()) return std::string(match.path);
  for (auto& sink : *model_.sinks) {
    for (const std::string& route : sink->Sink().Routes()) {
      if (route == path) return route;
    }
  }
  return "other";
}

ApiAnswer Api::HealthzAnswer(const RouteRequest&) const { return ApiAnswer{200, "application/json", R"({"status":"ok"})", ""}; }

ApiAnswer Api::MetricsAnswer(const RouteRequest&) const {
  return ApiAnswer{200, MetricsText::kContentType, RenderMetrics(model_, queries_), ""};
}

ApiAnswer Api::ReloadAnswer(const RouteRequest& request) const {
  if (!model_.reload_now) return ErrorAnswer(404, "not_found", "this daemon cannot reload");
  if (mltrend::Status r = model_.reload_now(); !r.ok()) {
    return ErrorAnswer(409, "reload_failed", r.message() + " (still running the previous config)");
  }
  return StatusAnswer(request);
}

ApiAnswer Api::SourcesAnswer(const RouteRequest&) const {
  mltrend::JsonWriter w;
  w.BeginObject().Key("sources").BeginArray();
  for (auto& src : *model_.sources) {
    SourceStatus st = src->Status();
    SourceRunCounters& c = src->Counters();
    w.BeginObject();
    w.Key("name").String(src->Config().name);
    w.Key("plugin").String(src->Config().plugin);
    w.Key("state").String(SourceStateName(st.state));
    TimeField(w, "last_run_start", st.last_start);
    TimeField(w, "last_run_end", st.last_end);
    TimeField(w, "last_success", st.last_success);
    TimeField(w, "next_run", st.next_run);
    w.Key("last_run_ok").Bool(st.last_ok);
    w.Key("last_error").StringOrNull(st.last_error);
    w.Key("consecutive_failures").Int(st.consecutive_failures);
    w.Key("runs").Uint(st.runs);
    w.Key("failures").Uint(st.failures);
    w.Key("records").Uint(model_.store->RecordCount(src->Config().name));
    GuardFields(w, src->GuardStatus());
    w.Key("run").BeginObject();
    w.Key("pages").Uint(c.pages.load());
    w.Key("inserted").Uint(c.inserted.load());
    w.Key("updated").Uint(c.updated.load());
    w.Key("unchanged").Uint(c.unchanged.load());
    w.Key("rejected").Uint(c.rejected.load());
    RunRate(w, st, c);
    mltrend::SourceProgress progress;
    {
      std::lock_guard lock(c.mutex);
      progress = c.progress;
    }
    w.Key("phase").String(progress.phase);
    w.Key("checkpoint").String(progress.checkpoint_summary);
    w.EndObject();
    RateLimitObject(w, progress);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sinks").BeginArray();
  uint64_t head = model_.store->LastSequence();
  for (auto& sink : *model_.sinks) {
    w.BeginObject();
    w.Key("name").String(sink->Config().name);
    w.Key("plugin").String(sink->Config().plugin);
    w.Key("cursor").Uint(sink->Cursor());
    w.Key("lag").Uint(head - std::min(head, sink->Cursor()));
    TimeField(w, "last_fold", sink->LastFold());
    std::string err = sink->LastError();
    w.Key("last_error").StringOrNull(err);
    GuardFields(w, sink->GuardStatus());
    w.EndObject();
  }
  w.EndArray().EndObject();
  return ApiAnswer{200, "application/json", w.Take(), ""};
}

ApiAnswer Api::PluginsAnswer(const RouteRequest&) const {
  mltrend::JsonWriter w;
  w.BeginObject().Key("plugins").BeginArray();
  for (const auto& p : model_.plugins->Plugins()) {
    const auto& d = p->Descriptor();
    w.BeginObject();
    w.Key("name").String(d.name).Key("kind").String(KindName(d.kind)).Key("version").String(d.version);
    w.Key("sdk_version").String(d.sdk_version).Key("description").String(d.description ? d.description : "");
    w.Key("file").String(p->File().string());
    w.EndObject();
  }
  w.EndArray().Key("refused").BeginArray();
  for (const auto& r : model_.plugins->Refusals()) {
    w.BeginObject().Key("file").String(r.file.string()).Key("reason").String(r.reason).EndObject();
  }
  w.EndArray().EndObject();
  return ApiAnswer{200, "application/json", w.Take(), ""};
}

ApiAnswer Api::StatusAnswer(const RouteRequest&) const {
  mltrend::JsonWriter w;
  w.BeginObject();
  w.Key("version").String(MLTREND_VERSION);
  TimeField(w, "started", model_.started);
  w.Key("uptime_seconds");
  if (model_.started == SystemTime{}) {
    w.Null();
  } else {
    w.Int(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - model_.started).count());
  }
  w.Key("sources").Uint(model_.sources->size());
  w.Key("sinks").Uint(model_.sinks->size());
  w.Key("change_log_head").Uint(model_.store->LastSequence());
  w.Key("store_bytes").Uint(model_.store->ApproximateSizeBytes());
  if (model_.metrics_address) w.Key("metrics_listen").StringOrNull(*model_.metrics_address);
  // A failing store (a full disk) fails every source run and fold; said
  // here once rather than only in each source's last_error.
  const StoreHealth health = model_.store->Health();
  w.Key("store_write_errors").Uint(health.write_errors);
  w.Key("store_disk_full").Bool(health.disk_full);
  w.Key("store_error").StringOrNull(health.last_error);
  if (model_.reload) {
    const ReloadState& r = *model_.reload;
    w.Key("reload_count").Uint(r.reload_count);
    w.Key("reload_failed_count").Uint(r.failed_count);
    TimeField(w, "last_reload", r.last_reload);
    w.Key("last_reload_error").StringOrNull(r.last_reload_error);
    w.Key("last_reload_change").String(r.last_change);
  }
  w.EndObject();
  return ApiAnswer{200, "application/json", w.Take(), ""};
}

}  // namespace mltrendd
