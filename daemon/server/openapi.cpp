// GET /v1/openapi.json: an OpenAPI 3 document of every endpoint, the
// daemon's own (the route table, routes.cpp) and each sink's
// (Sink::OpenApiPaths), so a client can generate code or check an answer.
// e2e_tests validates real answers against it; objects with fixed keys say
// additionalProperties: false, so a field added to an answer without its
// line in openapi_schemas.hpp fails that test.
#include <cctype>
#include <set>
#include <string>

#include "mltrendd/server/api.hpp"
#include "mltrendd/server/routes.hpp"
#include "openapi_schemas.hpp"

namespace mltrendd {
namespace {

constexpr const char* kComponents =
    R"({"schemas":{"Error":{"type":"object","additionalProperties":false,"required":["error","message"],)"
    R"("properties":{"error":{"type":"string"},"message":{"type":"string"},)"
    R"("parameter":{"type":"string","description":"the parameter at fault, for bad_parameter"}}},)"
    R"("Status":{"type":"object","additionalProperties":false,)"
    R"("required":["version","started","uptime_seconds","sources","sinks","change_log_head","store_bytes",)"
    R"("store_write_errors","store_disk_full","store_error"],)"
    R"("properties":{"version":{"type":"string"},"started":)" NULLABLE("string") R"(,"uptime_seconds":)" NULLABLE(
        "integer") R"(,)"
    R"("sources":{"type":"integer"},"sinks":{"type":"integer"},"change_log_head":{"type":"integer"},)"
    R"("store_bytes":{"type":"integer"},"metrics_listen":)" NULLABLE("string") R"(,)"
    R"("store_write_errors":{"type":"integer"},"store_disk_full":{"type":"boolean"},)"
    R"("store_error":)" NULLABLE("string") R"(,"reload_count":{"type":"integer"},"reload_failed_count":{"type":"integer"},)"
    R"("last_reload":)" NULLABLE("string") R"(,"last_reload_error":)" NULLABLE("string") R"(,)"
    R"("last_reload_change":{"type":"string"}}}}})";

//! The operations of one table path, as the members of its "paths" entry.
std::string Operations(std::string_view path) {
  std::string out;
  for (const Route& row : Routes()) {
    if (row.path != path) continue;
    std::string method(row.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string parameters;
    if (const size_t open = path.find('{'); open != std::string_view::npos) {
      const std::string name(path.substr(open + 1, path.find('}', open) - open - 1));
      parameters += R"({"name":")" + name + R"(","in":"path","required":true,"schema":{"type":"string"}})";
    }
    for (std::string_view p : row.params) {
      if (!parameters.empty()) parameters += ",";
      parameters += R"({"name":")" + std::string(p) + R"(","in":"query","schema":{"type":"string"}})";
    }
    if (!out.empty()) out += ",";
    out += "\"" + method + R"(":{"summary":")" + std::string(row.summary) + "\",";
    if (!parameters.empty()) out += "\"parameters\":[" + parameters + "],";
    out += "\"responses\":{" + std::string(row.responses) +
           R"(,"400":)" ERROR_ANSWER("a query parameter it does not accept, or a malformed one") R"(,"405":)"
               ERROR_ANSWER("another method; Allow lists this path's") "}}";
  }
  return out;
}

}  // namespace

ApiAnswer Api::OpenApiAnswer(const RouteRequest&) const {
  std::string doc = std::string(R"({"openapi":"3.0.3","info":{"title":"mltrendd","version":")") + MLTREND_VERSION +
                    R"(","description":"HTTP/1.1 over the daemon's Unix socket"},"paths":{)";
  std::set<std::string_view> written;
  for (const Route& row : Routes()) {
    if (!written.insert(row.path).second) continue;
    if (written.size() > 1) doc += ",";
    doc += "\"" + std::string(row.path) + "\":{" + Operations(row.path) + "}";
  }
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
  return ApiAnswer{200, "application/json", std::move(doc), ""};
}

}  // namespace mltrendd
