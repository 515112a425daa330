// GET /v1/openapi.json: an OpenAPI 3 document of every endpoint, the
// daemon's own (below) and each sink's (Sink::OpenApiPaths), so a client can
// generate code or check an answer. e2e_tests validates real answers against
// it; objects with fixed keys say additionalProperties: false, so a field
// added to an answer without its line here fails that test.
#include <set>
#include <string>

#include "mltrendd/server/api.hpp"

namespace mltrendd {
namespace {

#define NULLABLE(type) R"({"type":")" type R"(","nullable":true})"
#define JSON_ANSWER(description, schema) \
  R"({"description":")" description R"(","content":{"application/json":{"schema":)" schema "}}}"
#define ERROR_ANSWER(description) JSON_ANSWER(description, R"({"$ref":"#/components/schemas/Error"})")
#define GET(summary, ok) \
  R"({"get":{"summary":")" summary R"(","responses":{"200":)" ok R"(,"400":)" ERROR_ANSWER("a parameter was given") "}}}"

constexpr const char* kComponents =
    R"({"schemas":{"Error":{"type":"object","additionalProperties":false,"required":["error","message"],)"
    R"("properties":{"error":{"type":"string"},"message":{"type":"string"},)"
    R"("parameter":{"type":"string","description":"the parameter at fault, for bad_parameter"}}},)"
    R"("Status":{"type":"object","additionalProperties":false,)"
    R"("required":["version","started","uptime_seconds","sources","sinks","change_log_head","store_bytes"],)"
    R"("properties":{"version":{"type":"string"},"started":)" NULLABLE("string") R"(,"uptime_seconds":)" NULLABLE(
        "integer") R"(,)"
    R"("sources":{"type":"integer"},"sinks":{"type":"integer"},"change_log_head":{"type":"integer"},)"
    R"("store_bytes":{"type":"integer"},"metrics_listen":)" NULLABLE("string") R"(,)"
    R"("reload_count":{"type":"integer"},"reload_failed_count":{"type":"integer"},)"
    R"("last_reload":)" NULLABLE("string") R"(,"last_reload_error":)" NULLABLE("string") R"(,)"
    R"("last_reload_change":{"type":"string"}}}}})";

// An instance's deaths and quarantine (runtime/plugin_guard.hpp), in sources and sinks alike.
#define GUARD_PROPERTIES \
    R"("consecutive_deaths":{"type":"integer","description":"daemon deaths in a row inside this instance"},)" \
    R"("quarantine":{"type":"string","nullable":true,"description":"why it is not started; null when it is"})"

#define SOURCES_SCHEMA \
    R"({"type":"object","additionalProperties":false,"required":["sources","sinks"],"properties":{)" \
    R"("sources":{"type":"array","items":{"type":"object","additionalProperties":false,)" \
    R"("required":["name","plugin","state","last_run_start","last_run_end","last_success","next_run","last_run_ok",)" \
    R"("last_error","consecutive_failures","runs","failures","records","consecutive_deaths","quarantine","run",)" \
    R"("rate_limit"],"properties":{)" \
    R"("name":{"type":"string"},"plugin":{"type":"string"},"state":{"type":"string"},)" \
    R"("last_run_start":)" NULLABLE("string") R"(,"last_run_end":)" NULLABLE("string") R"(,)" \
    R"("last_success":)" NULLABLE("string") R"(,"next_run":)" NULLABLE("string") R"(,)" \
    R"("last_run_ok":{"type":"boolean"},"last_error":)" NULLABLE("string") R"(,)" \
    R"("consecutive_failures":{"type":"integer"},"runs":{"type":"integer"},"failures":{"type":"integer"},)" \
    R"("records":{"type":"integer"},)" GUARD_PROPERTIES "," \
    R"("run":{"type":"object","additionalProperties":false,)" \
    R"("required":["pages","inserted","updated","unchanged","rejected","records_per_second","phase","checkpoint"],)" \
    R"("properties":{"pages":{"type":"integer"},"inserted":{"type":"integer"},"updated":{"type":"integer"},)" \
    R"("unchanged":{"type":"integer"},"rejected":{"type":"integer"},"records_per_second":)" NULLABLE("number") R"(,)" \
    R"("phase":{"type":"string"},"checkpoint":{"type":"string"}}},)" \
    R"("rate_limit":{"type":"object","additionalProperties":false,"required":["resource","remaining","limit","reset"],)" \
    R"("properties":{"resource":{"type":"string"},"remaining":)" NULLABLE("integer") R"(,"limit":)" NULLABLE( \
        "integer") R"(,)" \
    R"("reset":)" NULLABLE("string") R"(}}}}},)" \
    R"("sinks":{"type":"array","items":{"type":"object","additionalProperties":false,)" \
    R"("required":["name","plugin","cursor","lag","last_fold","last_error","consecutive_deaths","quarantine"],)" \
    R"("properties":{)" \
    R"("name":{"type":"string"},"plugin":{"type":"string"},"cursor":{"type":"integer"},"lag":{"type":"integer"},)" \
    R"("last_fold":)" NULLABLE("string") R"(,"last_error":)" NULLABLE("string") "," GUARD_PROPERTIES R"(}}}}})"

#define PLUGINS_SCHEMA \
    R"({"type":"object","additionalProperties":false,"required":["plugins","refused"],"properties":{)" \
    R"("plugins":{"type":"array","items":{"type":"object","additionalProperties":false,)" \
    R"("required":["name","kind","version","sdk_version","description","file"],"properties":{)" \
    R"("name":{"type":"string"},"kind":{"type":"string","enum":["source","sink"]},"version":{"type":"string"},)" \
    R"("sdk_version":{"type":"string"},"description":{"type":"string"},"file":{"type":"string"}}}},)" \
    R"("refused":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["file","reason"],)" \
    R"("properties":{"file":{"type":"string"},"reason":{"type":"string"}}}}}})"


#define UNQUARANTINE(kind) \
  R"({"post":{"summary":"clear the quarantine and the death count of a )" kind R"(, and start it",)" \
  R"("parameters":[{"name":"name","in":"path","required":true,"schema":{"type":"string"}}],"responses":{)" \
  R"("200":)" JSON_ANSWER("cleared (also when it was not quarantined)", \
                          R"({"type":"object","additionalProperties":false,)" \
                          R"("required":["kind","name","consecutive_deaths","quarantine"],"properties":{)" \
                          R"("kind":{"type":"string","enum":["source","sink"]},"name":{"type":"string"},)" \
                          GUARD_PROPERTIES "}}") "," \
  R"("404":)" ERROR_ANSWER("no such " kind) "," \
  R"("405":)" ERROR_ANSWER("a method other than POST") "}}}"

// The daemon's own endpoints (Api::Handle); a sink's come from its plugin.
constexpr const char* kPaths =
    R"("/healthz":)" GET("liveness", JSON_ANSWER("alive", R"({"type":"object","additionalProperties":false,)"
                                                          R"("required":["status"],"properties":{"status":)"
                                                          R"({"type":"string","enum":["ok"]}}})")) ","
    R"("/metrics":)" GET("Prometheus metrics, docs/METRICS.md",
                         R"({"description":"text exposition format 0.0.4","content":{"text/plain":)"
                         R"({"schema":{"type":"string"}}}})") ","
    R"("/v1/sources":)" GET("each source's state, run and rate-limit budget; each sink's lag",
                            JSON_ANSWER("sources and sinks", SOURCES_SCHEMA)) ","
    R"("/v1/plugins":)" GET("the plugins loaded and the files refused", JSON_ANSWER("plugins", PLUGINS_SCHEMA)) ","
    R"("/v1/status":)" GET("the daemon: version, uptime, store, reloads",
                           JSON_ANSWER("status", R"({"$ref":"#/components/schemas/Status"})")) ","
    R"("/v1/openapi.json":)" GET("this document", JSON_ANSWER("OpenAPI 3.0", R"({"type":"object"})")) ","
    R"("/v1/reload":{"post":{"summary":"validate and apply the config file as SIGHUP does","responses":{)"
    R"("200":)" JSON_ANSWER("applied; the status after it", R"({"$ref":"#/components/schemas/Status"})") ","
    R"("404":)" ERROR_ANSWER("this daemon cannot reload") ","
    R"("409":)" ERROR_ANSWER("the new config was refused; the previous one keeps running") "}}},"
    R"("/v1/sources/{name}/unquarantine":)" UNQUARANTINE("source") ","
    R"("/v1/sinks/{name}/unquarantine":)" UNQUARANTINE("sink");

}  // namespace

ApiAnswer Api::OpenApi() const {
  std::string doc = std::string(R"({"openapi":"3.0.3","info":{"title":"mltrendd","version":")") + MLTREND_VERSION +
                    R"(","description":"HTTP/1.1 over the daemon's Unix socket"},"paths":{)" + kPaths;
  // Two sinks of one plugin serve the same routes (sink= picks one): each
  // plugin's part once. A fragment is a JSON object; its members are spliced in.
  std::set<std::string> merged;
  for (auto& sink : *model_.sinks) {
    std::string part = sink->Sink().OpenApiPaths();
    if (part.size() < 2 || !merged.insert(part).second) continue;
    const size_t open = part.find('{'), close = part.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close <= open + 1) continue;
    doc += "," + part.substr(open + 1, close - open - 1);
  }
  doc += std::string("},\"components\":") + kComponents + "}";
  return ApiAnswer{200, "application/json", std::move(doc)};
}

}  // namespace mltrendd
