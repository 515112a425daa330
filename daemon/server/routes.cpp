//===----------------------------------------------------------------------===//
// mltrendd — server/routes.cpp
//===----------------------------------------------------------------------===//
// The route table and its lookup (routes.hpp).
#include "mltrendd/server/routes.hpp"

#include "openapi_schemas.hpp"

namespace mltrendd {

std::span<const Route> Routes() {
  // No built-in endpoint takes a query parameter today.
  static constexpr std::span<const std::string_view> kNone{};
  // /metrics before /healthz: the metrics listener's 404 names them in this order.
  static constexpr Route kTable[] = {
      {"GET", "/metrics", &Api::MetricsAnswer, kNone, "Prometheus metrics, docs/METRICS.md", true,
       R"("200":{"description":"text exposition format 0.0.4","content":{"text/plain":{"schema":{"type":"string"}}}})"},
      {"GET", "/healthz", &Api::HealthzAnswer, kNone, "liveness", true,
       R"("200":)" JSON_ANSWER("alive", R"({"type":"object","additionalProperties":false,"required":["status"],)"
                                        R"("properties":{"status":{"type":"string","enum":["ok"]}}})")},
      {"GET", "/v1/sources", &Api::SourcesAnswer, kNone,
       "each source's state, run and rate-limit budget; each sink's lag", false,
       R"("200":)" JSON_ANSWER("sources and sinks", SOURCES_SCHEMA)},
      {"GET", "/v1/plugins", &Api::PluginsAnswer, kNone, "the plugins loaded and the files refused", false,
       R"("200":)" JSON_ANSWER("plugins", PLUGINS_SCHEMA)},
      {"GET", "/v1/status", &Api::StatusAnswer, kNone, "the daemon: version, uptime, store, reloads", false,
       R"("200":)" JSON_ANSWER("status", R"({"$ref":"#/components/schemas/Status"})")},
      {"GET", "/v1/openapi.json", &Api::OpenApiAnswer, kNone, "this document", false,
       R"("200":)" JSON_ANSWER("OpenAPI 3.0", R"({"type":"object"})")},
      {"POST", "/v1/reload", &Api::ReloadAnswer, kNone, "validate and apply the config file as SIGHUP does", false,
       R"("200":)" JSON_ANSWER("applied; the status after it", R"({"$ref":"#/components/schemas/Status"})") ","
       R"("404":)" ERROR_ANSWER("this daemon cannot reload") ","
       R"("409":)" ERROR_ANSWER("the new config was refused; the previous one keeps running")},
      {"POST", "/v1/sources/{name}/unquarantine", &Api::UnquarantineSourceAnswer, kNone,
       "clear the quarantine and the death count of a source, and start it", false, UNQUARANTINE_RESPONSES("source")},
      {"POST", "/v1/sinks/{name}/unquarantine", &Api::UnquarantineSinkAnswer, kNone,
       "clear the quarantine and the death count of a sink, and start it", false, UNQUARANTINE_RESPONSES("sink")},
  };
  return kTable;
}

namespace {

//! Whether `path` fits `pattern` segment by segment; a "{...}" segment fits
//! any one segment, which lands in `name`.
bool PathFits(std::string_view pattern, std::string_view path, std::string_view& name) {
  name = {};
  while (true) {
    const size_t ps = pattern.find('/'), s = path.find('/');
    const std::string_view want = pattern.substr(0, ps), got = path.substr(0, s);
    if (want.size() > 1 && want.front() == '{' && want.back() == '}') {
      name = got;
    } else if (want != got) {
      return false;
    }
    if (ps == std::string_view::npos || s == std::string_view::npos) return ps == s;
    pattern.remove_prefix(ps + 1);
    path.remove_prefix(s + 1);
  }
}

}  // namespace

RouteMatch MatchRoute(std::string_view method, std::string_view path, bool scrape_only) {
  RouteMatch match;
  for (const Route& row : Routes()) {
    std::string_view name;
    if ((scrape_only && !row.scrape) || !PathFits(row.path, path, name)) continue;
    match.path = row.path;
    match.name = name;
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += row.method;
    if (row.method == method) match.route = &row;
  }
  return match;
}

ApiAnswer MethodNotAllowed(std::string_view path, std::string allow) {
  const bool one = allow.find(',') == std::string::npos;
  ApiAnswer answer = ErrorAnswer(405, "method_not_allowed",
                                 "only " + allow + (one ? " is" : " are") + " supported on " + std::string(path));
  answer.allow = std::move(allow);
  return answer;
}

}  // namespace mltrendd
