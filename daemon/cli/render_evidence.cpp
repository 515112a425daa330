//===----------------------------------------------------------------------===//
// mltrendd — cli/render_evidence.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/render_evidence.hpp"

#include <simdjson.h>

#include <cstdio>
#include <string_view>

namespace mltrendd {
namespace {

using simdjson::dom::element;

std::string Str(element e, const char* key) {
  std::string_view v;
  return e[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

int64_t Int(element e, const char* key) {
  int64_t v = 0;
  return e[key].get(v) == simdjson::SUCCESS ? v : 0;
}

//! "a, b, c" from a JSON array of strings ("-" when empty or absent).
std::string Joined(element e, const char* key) {
  simdjson::dom::array array;
  if (e[key].get(array) != simdjson::SUCCESS || array.size() == 0) return "-";
  std::string out;
  for (element item : array) {
    std::string_view v;
    if (item.get(v) != simdjson::SUCCESS) continue;
    out += (out.empty() ? "" : ", ") + std::string(v);
  }
  return out;
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

mltrend::Status ParseFailed(const char* what) {
  return mltrend::Status::Invalid(std::string("the daemon's ") + what + " answer is not the expected JSON");
}

}  // namespace

mltrend::Status RenderExplain(const std::string& json, std::string& out) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS || !doc.is_object()) return ParseFailed("/v1/explain");
  out = Str(doc, "name") + "  (source " + Str(doc, "source") + ", id " + Str(doc, "id") + ", period " +
        Str(doc, "period") + ")\n";
  const std::string frameworks = Joined(doc, "frameworks");
  if (frameworks == "-")
    out += "  unknown: " + Str(doc, "unknown_reason") + "\n";
  else
    out += "  frameworks: " + frameworks + "  (grade " + Str(doc, "grade") + ")\n";
  simdjson::dom::array evidence;
  out += "evidence:\n";
  if (doc["evidence"].get(evidence) != simdjson::SUCCESS || evidence.size() == 0) out += "  none of its own\n";
  else
    for (element m : evidence) {
      bool used = false;
      if (m["used"].get(used) != simdjson::SUCCESS) used = false;
      out += "  " + Str(m, "framework") + "  " + Str(m, "channel") + " = " + Str(m, "value");
      if (!Str(m, "pattern").empty()) out += "  (matches " + Str(m, "pattern") + ")";
      out += "  grade " + Str(m, "grade") + (used ? "" : "  (not used: a stronger grade decides)") + "\n";
    }
  simdjson::dom::array lineage;
  if (doc["lineage"].get(lineage) == simdjson::SUCCESS && lineage.size() > 0) {
    out += "lineage:\n";
    for (element step : lineage) {
      bool stored = false;
      if (step["stored"].get(stored) != simdjson::SUCCESS) stored = false;
      out += "  " + std::string(static_cast<size_t>(2 * Int(step, "depth")), ' ') + Str(step, "name");
      out += stored ? "  " + Str(step, "grade") + ": " + Joined(step, "frameworks") : std::string("  (not in store)");
      out += "\n";
    }
  }
  element stored;
  if (doc["stored_evidence"].get(stored) == simdjson::SUCCESS) {
    out += "stored evidence:\n";
    for (const char* key : {"tags", "library_names", "files", "header_formats"})
      out += std::string("  ") + key + ": " + Joined(stored, key) + "\n";
  }
  return mltrend::Status::Ok();
}

mltrend::Status RenderCoverage(const std::string& json, std::string& out) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS || !doc.is_object()) return ParseFailed("/v1/coverage");
  auto count = [](element e, const char* key) {
    element m;
    return e[key].get(m) == simdjson::SUCCESS ? Int(m, "count") : 0;
  };
  auto downloads = [](element e, const char* key) {
    element m;
    return e[key].get(m) == simdjson::SUCCESS ? Int(m, "downloads") : 0;
  };
  const int64_t total = count(doc, "total"), total_dl = downloads(doc, "total");
  out = Str(doc, "source") + ": " + std::to_string(total) + " records, " + std::to_string(count(doc, "classified")) +
        " classified (direct " + std::to_string(count(doc, "direct")) + ", library " +
        std::to_string(count(doc, "library")) + ", lineage " + std::to_string(count(doc, "lineage")) + "), " +
        std::to_string(count(doc, "unknown")) + " unknown (" + Percent(count(doc, "unknown"), total) +
        " of records, " + Percent(downloads(doc, "unknown"), total_dl) + " of downloads)\n";
  simdjson::dom::array reasons;
  if (doc["unknown_reasons"].get(reasons) == simdjson::SUCCESS && reasons.size() > 0) {
    char line[256];
    std::snprintf(line, sizeof line, "%-56s %9s %16s\n", "unknown, by reason", "records", "downloads");
    out += line;
    for (element r : reasons) {
      std::snprintf(line, sizeof line, "  %-54s %9lld %16lld\n", Str(r, "reason").c_str(),
                    static_cast<long long>(Int(r, "count")), static_cast<long long>(Int(r, "downloads")));
      out += line;
    }
  }
  element reachable;
  if (doc["reachable"].get(reachable) == simdjson::SUCCESS)
    out += "file lists would reach " + std::to_string(count(reachable, "with_file_lists")) +
           " unknown records, safetensors header reads " + std::to_string(count(reachable, "with_header_reads")) +
           "\n";
  simdjson::dom::array periods;
  if (doc["periods"].get(periods) == simdjson::SUCCESS && periods.size() > 0) {
    out += "period        total  direct library lineage  unknown\n";
    char line[160];
    for (element p : periods) {
      std::snprintf(line, sizeof line, "%-10s %8lld %7lld %7lld %7lld %8lld\n", Str(p, "period").c_str(),
                    static_cast<long long>(count(p, "total")), static_cast<long long>(count(p, "direct")),
                    static_cast<long long>(count(p, "library")), static_cast<long long>(count(p, "lineage")),
                    static_cast<long long>(count(p, "unknown")));
      out += line;
    }
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
