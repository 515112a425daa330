#include "mltrendd/cli/render.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "mltrendd/cli/trends_data.hpp"
#include "render_detail.hpp"

namespace mltrendd {

namespace render_detail {

std::string Str(Found e) {
  std::string_view sv;
  if (e.get(sv) == simdjson::SUCCESS) return std::string(sv);
  return "";
}
int64_t Int(Found e) {
  int64_t v = 0;
  if (e.get(v) == simdjson::SUCCESS) return v;
  double d = 0;
  if (e.get(d) == simdjson::SUCCESS) return static_cast<int64_t>(d);
  return 0;
}
double Num(Found e) {
  double d = 0;
  if (e.get(d) == simdjson::SUCCESS) return d;
  int64_t i = 0;
  if (e.get(i) == simdjson::SUCCESS) return static_cast<double>(i);
  return 0;
}

}  // namespace render_detail

using render_detail::Int;
using render_detail::Num;
using render_detail::Str;

namespace {

using Trends = TrendsData;

}  // namespace

namespace render_detail {

static std::string Pad(const std::string& s, size_t width, bool right) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t left_aligned_columns) {
  std::vector<size_t> widths;
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], r[i].size());
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      if (i) line += "  ";
      line += Pad(r[i], widths[i], i >= left_aligned_columns);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

std::string Number(double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<int64_t>(v))) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.6g", v);
  }
  return buf;
}

}  // namespace render_detail

using render_detail::FormatTable;
using render_detail::Number;
using render_detail::Percent;

mltrend::Status RenderTrendsTable(const std::string& json, std::string& out) {
  Trends t;
  mltrend::Status s = ParseTrends(json, t);
  if (!s.ok()) return s;
  // The leader first, so the table reads left to right from it.
  std::vector<std::string> frameworks = RankFrameworks(t, &TrendsCell::value);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"period", "total", "classified", "unknown", "multi"};
  head.insert(head.end(), frameworks.begin(), frameworks.end());
  rows.push_back(head);
  for (const auto& r : t.rows) {
    std::vector<std::string> line = {r.period, std::to_string(r.total), std::to_string(r.classified),
                                     std::to_string(r.unknown), std::to_string(r.multi)};
    for (const auto& f : frameworks) {
      auto it = r.frameworks.find(f);
      line.push_back(it == r.frameworks.end() ? "-" : Percent(it->second.share));
    }
    rows.push_back(std::move(line));
  }
  out = t.Header() + "\n" + FormatTable(rows, 1);
  if (t.rows.empty()) out += "(no data yet: has a source run and the sink folded?)\n";
  return mltrend::Status::Ok();
}

mltrend::Status RenderTrendsCsv(const std::string& json, std::string& out) {
  Trends t;
  mltrend::Status s = ParseTrends(json, t);
  if (!s.ok()) return s;
  out = kTrendsCsvHeader;
  for (const auto& r : t.rows) {
    std::string prefix = r.period + "," + std::to_string(r.total) + "," + std::to_string(r.classified) + "," +
                         std::to_string(r.unknown) + "," + std::to_string(r.multi) + ",";
    for (const auto& [f, c] : r.frameworks) {
      char share[32];
      std::snprintf(share, sizeof share, "%.6f", c.share);
      out += prefix + f + "," + Number(c.value) + "," + share + "\n";
    }
  }
  return mltrend::Status::Ok();
}

namespace render_detail {

//! "12 pages, 11000 records, 850/s, 3 rejected · refresh · createdAt page 3":
//! what the current (or last) run did, and where it stands.
std::string RunSummary(simdjson::dom::element run) {
  const int64_t records = Int(run["inserted"]) + Int(run["updated"]) + Int(run["unchanged"]);
  std::string out = std::to_string(Int(run["pages"])) + " pages, " + std::to_string(records) + " records";
  double rate = 0;
  if (run["records_per_second"].get(rate) == simdjson::SUCCESS && rate > 0) {
    out += ", " + std::to_string(static_cast<int64_t>(rate + 0.5)) + "/s";
  }
  if (int64_t rejected = Int(run["rejected"]); rejected > 0) out += ", " + std::to_string(rejected) + " rejected";
  for (const char* key : {"phase", "checkpoint"}) {
    if (std::string text = Str(run[key]); !text.empty()) out += " · " + text;
  }
  return out;
}

//! "search 28/30, resets 2026-11-24T23:10:00Z", or "-" when the source never read one.
std::string RateLimitSummary(simdjson::dom::element limit) {
  int64_t remaining = 0;
  if (limit["remaining"].get(remaining) != simdjson::SUCCESS) return "-";
  std::string out = Str(limit["resource"]);
  if (!out.empty()) out += " ";
  out += std::to_string(remaining);
  int64_t total = 0;
  if (limit["limit"].get(total) == simdjson::SUCCESS) out += "/" + std::to_string(total);
  if (std::string reset = Str(limit["reset"]); !reset.empty()) out += ", resets " + reset;
  return out;
}

}  // namespace render_detail

using render_detail::RateLimitSummary;
using render_detail::RunSummary;

mltrend::Status RenderSourcesTable(const std::string& json, std::string& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) return mltrend::Status::Invalid("the daemon sent invalid JSON");
  simdjson::dom::array sources;
  if (doc["sources"].get(sources) != simdjson::SUCCESS) return mltrend::Status::Invalid("the answer has no sources");
  std::vector<std::vector<std::string>> rows = {{"name", "plugin", "state", "records", "run", "rate limit",
                                                 "last run end", "ok", "next run", "last error"}};
  for (simdjson::dom::element s : sources) {
    std::string err = Str(s["last_error"]);
    bool ok = false;
    if (s["last_run_ok"].get(ok) != simdjson::SUCCESS) ok = false;
    std::string end = Str(s["last_run_end"]);
    rows.push_back({Str(s["name"]), Str(s["plugin"]), Str(s["state"]), std::to_string(Int(s["records"])),
                    RunSummary(s["run"]), RateLimitSummary(s["rate_limit"]), end.empty() ? "never" : end,
                    end.empty() ? "-" : (ok ? "yes" : "no"), Str(s["next_run"]), err.empty() ? "-" : err});
  }
  out = FormatTable(rows, 10);
  simdjson::dom::array sinks;
  if (doc["sinks"].get(sinks) == simdjson::SUCCESS && sinks.size() > 0) {
    std::vector<std::vector<std::string>> sink_rows = {{"sink", "plugin", "cursor", "lag", "last fold", "last error"}};
    for (simdjson::dom::element k : sinks) {
      std::string err = Str(k["last_error"]);
      sink_rows.push_back({Str(k["name"]), Str(k["plugin"]), std::to_string(Int(k["cursor"])),
                           std::to_string(Int(k["lag"])), Str(k["last_fold"]), err.empty() ? "-" : err});
    }
    out += "\n" + FormatTable(sink_rows, 6);
  }
  return mltrend::Status::Ok();
}

std::string JsonStringField(const std::string& json, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view value;
  if (parser.parse(json).get(doc) == simdjson::SUCCESS && doc[key].get(value) == simdjson::SUCCESS) {
    return std::string(value);
  }
  return "";
}

std::string ErrorMessageOf(const std::string& body) {
  std::string message = JsonStringField(body, "message");
  return message.empty() ? body : message;
}

}  // namespace mltrendd
