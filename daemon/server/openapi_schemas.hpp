//===----------------------------------------------------------------------===//
// mltrendd — server/openapi_schemas.hpp
//===----------------------------------------------------------------------===//
// The OpenAPI 3 text of the daemon's answers, as string-literal macros so the
// route table (routes.cpp) and the document's components (openapi.cpp) are
// written as constants. Objects with fixed keys say additionalProperties:
// false, so a field added to an answer without its line here fails e2e_tests.
#pragma once

#define NULLABLE(type) R"({"type":")" type R"(","nullable":true})"
#define JSON_ANSWER(description, schema) \
  R"({"description":")" description R"(","content":{"application/json":{"schema":)" schema "}}}"
#define ERROR_ANSWER(description) JSON_ANSWER(description, R"({"$ref":"#/components/schemas/Error"})")

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


// The answers of POST /v1/{sources,sinks}/{name}/unquarantine.
#define UNQUARANTINE_RESPONSES(kind) \
  R"("200":)" JSON_ANSWER("cleared (also when it was not quarantined)", \
                          R"({"type":"object","additionalProperties":false,)" \
                          R"("required":["kind","name","consecutive_deaths","quarantine"],"properties":{)" \
                          R"("kind":{"type":"string","enum":["source","sink"]},"name":{"type":"string"},)" \
                          GUARD_PROPERTIES "}}") "," \
  R"("404":)" ERROR_ANSWER("no such " kind)
