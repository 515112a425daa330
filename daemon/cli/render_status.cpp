//===----------------------------------------------------------------------===//
// mltrendd — cli/render_status.cpp
//===----------------------------------------------------------------------===//
#include <simdjson.h>

#include <cstdio>
#include <ctime>
#include <iterator>

#include "mltrendd/cli/render.hpp"
#include "render_detail.hpp"

namespace mltrendd {

namespace {

using render_detail::Int;
using render_detail::RateLimitSummary;
using render_detail::RunSummary;
using render_detail::Str;

//! "45s", "9m 20s", "2h 13m", "3d 4h": two units are enough to read.
std::string Duration(int64_t seconds) {
  if (seconds < 0) seconds = -seconds;
  const int64_t d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
  if (d > 0) return std::to_string(d) + "d " + std::to_string(h) + "h";
  if (h > 0) return std::to_string(h) + "h " + std::to_string(m) + "m";
  if (m > 0) return std::to_string(m) + "m " + std::to_string(s) + "s";
  return std::to_string(s) + "s";
}

//! "1.2 GiB", "340.0 KiB", "512 B".
std::string Bytes(int64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  size_t unit = 0;
  while (v >= 1024 && unit + 1 < std::size(kUnits)) {
    v /= 1024;
    ++unit;
  }
  char buf[32];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
  }
  return buf;
}

//! Unix seconds of "2026-11-24T23:10:00Z" (FormatTime's form); -1 otherwise.
int64_t ParseTime(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      static_cast<size_t>(consumed) != text.size()) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

//! "2026-11-24T23:10:00Z (in 9m 20s)" or "... (2m ago)"; `never` when empty.
std::string When(const std::string& time, int64_t now, const char* never) {
  if (time.empty()) return never;
  const int64_t t = ParseTime(time);
  if (t < 0) return time;
  if (t > now) return time + " (in " + Duration(t - now) + ")";
  if (t == now) return time + " (now)";
  return time + " (" + Duration(now - t) + " ago)";
}

void Line(std::string& out, const char* label, const std::string& text) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "  %-13s", label);
  out += buf;
  out += text;
  out += '\n';
}

//! Deaths inside an instance (runtime/plugin_guard.hpp), shown only when there are some.
void Guard(std::string& out, simdjson::dom::element e) {
  if (std::string q = Str(e["quarantine"]); !q.empty()) {
    Line(out, "QUARANTINED", q);
  } else if (int64_t deaths = Int(e["consecutive_deaths"]); deaths > 0) {
    Line(out, "deaths", std::to_string(deaths) + " in a row inside it (the daemon died while it ran)");
  }
}

void Source(std::string& out, simdjson::dom::element s, int64_t now) {
  const std::string state = Str(s["state"]);
  out += "source " + Str(s["name"]) + " (" + Str(s["plugin"]) + "): " + state + ", " +
         std::to_string(Int(s["records"])) + " records stored\n";
  Line(out, state == "running" ? "this run" : "last run", RunSummary(s["run"]));
  Line(out, "rate limit", RateLimitSummary(s["rate_limit"]));
  const std::string end = Str(s["last_run_end"]);
  bool ok = false;
  if (s["last_run_ok"].get(ok) != simdjson::SUCCESS) ok = false;
  std::string ended = "never";
  if (!end.empty()) {
    ended = When(end, now, "never") + (ok ? ", ok" : ", failed");
    if (int64_t n = Int(s["consecutive_failures"]); n > 1) ended += " (" + std::to_string(n) + " in a row)";
  }
  Line(out, "last end", ended);
  Line(out, "last success", When(Str(s["last_success"]), now, "never"));
  Line(out, "next run", state == "running" ? "after this one" : When(Str(s["next_run"]), now, "not scheduled"));
  if (std::string err = Str(s["last_error"]); !err.empty()) Line(out, "last error", err);
  Guard(out, s);
}

void Sink(std::string& out, simdjson::dom::element k, int64_t now) {
  out += "sink " + Str(k["name"]) + " (" + Str(k["plugin"]) + "): lag " + std::to_string(Int(k["lag"])) +
         " changes (cursor " + std::to_string(Int(k["cursor"])) + "), last fold " +
         When(Str(k["last_fold"]), now, "not yet") + "\n";
  if (std::string err = Str(k["last_error"]); !err.empty()) Line(out, "last error", err);
  Guard(out, k);
}

}  // namespace

mltrend::Status RenderStatus(const std::string& status_json, const std::string& sources_json, int64_t now,
                             std::string& out) {
  simdjson::dom::parser status_parser, sources_parser;
  simdjson::dom::element status, sources_doc;
  if (status_parser.parse(status_json).get(status) != simdjson::SUCCESS ||
      sources_parser.parse(sources_json).get(sources_doc) != simdjson::SUCCESS) {
    return mltrend::Status::Invalid("the daemon sent invalid JSON");
  }
  simdjson::dom::array sources, sinks;
  if (!status.is_object() || sources_doc["sources"].get(sources) != simdjson::SUCCESS) {
    return mltrend::Status::Invalid("the answer has no sources");
  }
  out = "mltrendd " + Str(status["version"]);
  int64_t uptime = 0;
  if (status["uptime_seconds"].get(uptime) == simdjson::SUCCESS) {
    out += ", up " + Duration(uptime);
  } else if (std::string started = Str(status["started"]); !started.empty()) {
    out += ", started " + started;
  }
  out += ", store " + Bytes(Int(status["store_bytes"])) + ", change log at " +
         std::to_string(Int(status["change_log_head"])) + "\n";
  if (sources.size() == 0) out += "\nno source configured\n";
  for (simdjson::dom::element s : sources) {
    out += "\n";
    Source(out, s, now);
  }
  if (sources_doc["sinks"].get(sinks) == simdjson::SUCCESS && sinks.size() > 0) {
    out += "\n";
    for (simdjson::dom::element k : sinks) Sink(out, k, now);
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
