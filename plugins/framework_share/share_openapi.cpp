//===----------------------------------------------------------------------===//
// framework_share — share_openapi.cpp
//===----------------------------------------------------------------------===//
// The OpenAPI 3 description of this sink's routes, merged by the daemon into
// GET /v1/openapi.json. e2e_tests validates real answers against it, so a
// field added to an answer without a line here fails there
// (additionalProperties: false on every object with fixed keys).
#include "share_sink.hpp"

namespace mltrend::share {
namespace {

// Every object keyed by weight: count, downloads, stars, likes.
#define MEASURE                                                                                        \
  R"({"type":"object","additionalProperties":false,"required":["count","downloads","stars","likes"],)" \
  R"("properties":{"count":{"type":"integer"},"downloads":{"type":"integer"},"stars":{"type":"integer"},)" \
  R"("likes":{"type":"integer"}}})"
#define STRINGS R"({"type":"array","items":{"type":"string"}})"
#define GRADE R"({"type":"string","enum":["none","direct","library","lineage"]})"
#define ERRORS                                                                                            \
  R"("400":{"description":"a bad parameter, named","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},)" \
  R"("404":{"description":"unknown record","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},)" \
  R"("503":{"description":"the sink has not loaded its state yet","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}})"
#define SOURCE_PARAM \
  R"({"name":"source","in":"query","required":true,"description":"a source instance","schema":{"type":"string"}})"
#define SINK_PARAM \
  R"({"name":"sink","in":"query","description":"which sink answers when several serve the route","schema":{"type":"string"}})"
#define BUCKET_PARAM \
  R"({"name":"bucket","in":"query","schema":{"type":"string","enum":["month","quarter","year"]}})"
#define JSON_200(description, schema) \
  R"("200":{"description":")" description R"(","content":{"application/json":{"schema":)" schema "}}}"

constexpr const char* kPaths =
    R"({"/v1/trends":{"get":{"summary":"framework share per period",)"
    R"("parameters":[)" SOURCE_PARAM "," SINK_PARAM ","
    R"({"name":"axis","in":"query","schema":{"type":"string","enum":["cohort","observed"]}},)"
    R"({"name":"bucket","in":"query","schema":{"type":"string","enum":["day","month","quarter","year"]}},)"
    R"({"name":"metric","in":"query","schema":{"type":"string","enum":["exclusive","available"]}},)"
    R"({"name":"weight","in":"query","schema":{"type":"string","enum":["count","downloads","stars","likes"]}},)"
    R"({"name":"format","in":"query","schema":{"type":"string","enum":["json","csv"]}},)"
    R"({"name":"task","in":"query","description":"HF pipeline_tag","schema":{"type":"string"}},)"
    R"({"name":"library","in":"query","description":"HF library_name","schema":{"type":"string"}},)"
    R"({"name":"from","in":"query","description":"first period, inclusive such as 2021, 2021-Q3, 2021-07","schema":{"type":"string"}},)"
    R"({"name":"to","in":"query","description":"last period, inclusive","schema":{"type":"string"}},)"
    R"({"name":"evidence","in":"query","description":"grades counted, comma-separated: direct,library,lineage","schema":{"type":"string"}},)"
    R"({"name":"among","in":"query","description":"frameworks asked about, comma-separated; cohort axis only","schema":{"type":"string"}}],)"
    R"("responses":{)" JSON_200(
        "the series",
        R"({"type":"object","additionalProperties":false,)"
        R"("required":["source","axis","bucket","metric","weight","rules_version","official_only","filters","series"],)"
        R"("properties":{"source":{"type":"string"},"axis":{"type":"string","enum":["cohort","observed"]},)"
        R"("bucket":{"type":"string","enum":["day","month","quarter","year"]},)"
        R"("metric":{"type":"string","enum":["exclusive","available"]},)"
        R"("weight":{"type":"string","enum":["count","downloads","stars","likes"]},)"
        R"("rules_version":{"type":"string"},"official_only":{"type":"boolean"},)"
        R"("filters":{"type":"object","additionalProperties":false,"properties":{"task":{"type":"string"},)"
        R"("library":{"type":"string"},"from":{"type":"string"},"to":{"type":"string"},"evidence":{"type":"string"},)"
        R"("among":{"type":"string"}}},)"
        R"("series":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["period","total","classified","unknown","multi","grades","frameworks"],)"
        R"("properties":{"period":{"type":"string"},"date":{"type":"string"},"rules_version":{"type":"string"},)"
        R"("total":{"type":"integer"},"classified":{"type":"integer"},"unknown":{"type":"integer"},)"
        R"("multi":{"type":"integer"},"outside":{"type":"integer"},)"
        R"("grades":{"type":"object","additionalProperties":false,"required":["direct","library","lineage"],)"
        R"("properties":{"direct":{"type":"integer"},"library":{"type":"integer"},"lineage":{"type":"integer"}}},)"
        R"("frameworks":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,)"
        R"("required":["value","share"],"properties":{"value":{"type":"integer"},"share":{"type":"number"}}}}}}}}})")
    "," ERRORS "}}},"

    R"("/v1/coverage":{"get":{"summary":"records per evidence grade; unknown ones by reason",)"
    R"("parameters":[)" SOURCE_PARAM "," SINK_PARAM "," BUCKET_PARAM "],"
    R"("responses":{)" JSON_200(
        "the coverage",
        R"({"type":"object","additionalProperties":false,)"
        R"("required":["source","rules_version","bucket","total","classified","direct","library","lineage","unknown",)"
        R"("unknown_reasons","reachable","periods"],)"
        R"("properties":{"source":{"type":"string"},"rules_version":{"type":"string"},)"
        R"("bucket":{"type":"string","enum":["month","quarter","year"]},)"
        R"("total":)" MEASURE R"(,"classified":)" MEASURE R"(,"direct":)" MEASURE R"(,"library":)" MEASURE
        R"(,"lineage":)" MEASURE R"(,"unknown":)" MEASURE ","
        R"("unknown_reasons":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["reason","count","downloads","stars","likes"],"properties":{"reason":{"type":"string"},)"
        R"("count":{"type":"integer"},"downloads":{"type":"integer"},"stars":{"type":"integer"},"likes":{"type":"integer"}}}},)"
        R"("reachable":{"type":"object","additionalProperties":false,"required":["with_file_lists","with_header_reads"],)"
        R"("properties":{"with_file_lists":)" MEASURE R"(,"with_header_reads":)" MEASURE "}},"
        R"("periods":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["period","total","classified","direct","library","lineage","unknown"],)"
        R"("properties":{"period":{"type":"string"},"total":)" MEASURE R"(,"classified":)" MEASURE
        R"(,"direct":)" MEASURE R"(,"library":)" MEASURE R"(,"lineage":)" MEASURE R"(,"unknown":)" MEASURE "}}}}}")
    "," ERRORS "}}},"

    R"("/v1/explain":{"get":{"summary":"why one record counts as it does",)"
    R"("parameters":[)" SOURCE_PARAM "," SINK_PARAM ","
    R"({"name":"name","in":"query","description":"the record's name, or give id","schema":{"type":"string"}},)"
    R"({"name":"id","in":"query","description":"the record's id, or give name","schema":{"type":"string"}}],)"
    R"("responses":{)" JSON_200(
        "the record's evidence, rules matched, lineage and result",
        R"({"type":"object","additionalProperties":false,)"
        R"("required":["source","id","name","period","frameworks","grade","counted","folded","evidence","bases",)"
        R"("lineage","stored_evidence","rules_version"],)"
        R"("properties":{"source":{"type":"string"},"id":{"type":"string"},"name":{"type":"string"},)"
        R"("period":{"type":"string"},"frameworks":)" STRINGS R"(,"grade":)" GRADE ","
        R"("unknown_reason":{"type":"string"},"counted":{"type":"boolean"},"folded":{"type":"boolean"},)"
        R"("evidence":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["framework","channel","value","grade","used"],"properties":{"framework":{"type":"string"},)"
        R"("channel":{"type":"string"},"value":{"type":"string"},"grade":)" GRADE R"(,"pattern":{"type":"string"},)"
        R"("used":{"type":"boolean"}}}},"bases":)" STRINGS ","
        R"("lineage":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["name","depth","via","stored"],"properties":{"name":{"type":"string"},"depth":{"type":"integer"},)"
        R"("via":{"type":"string"},"stored":{"type":"boolean"},"grade":)" GRADE R"(,"frameworks":)" STRINGS "}}},"
        R"("stored_evidence":{"type":"object","additionalProperties":false,)"
        R"("required":["tags","library_names","topics","declared","files","header_formats"],)"
        R"("properties":{"tags":)" STRINGS R"(,"library_names":)" STRINGS R"(,"topics":)" STRINGS
        R"(,"declared":)" STRINGS R"(,"files":)" STRINGS R"(,"header_formats":)" STRINGS ","
        R"("safetensors_header":{"type":"string"},"sha":{"type":"string"},"files_listed":{"type":"string"},)"
        R"("dependencies":{"type":"string"}}},"rules_version":{"type":"string"}}})")
    "," ERRORS "}}},"

    R"("/v1/rules":{"get":{"summary":"the rules in force",)"
    R"("parameters":[)" SINK_PARAM "],"
    R"("responses":{)" JSON_200(
        "the sink's rules, weight formats and written decisions",
        R"({"type":"object","additionalProperties":false,"required":["sink","version","rules","formats","decisions"],)"
        R"("properties":{"sink":{"type":"string"},"version":{"type":"string"},)"
        R"("rules":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["framework","grade","tags","library_names","topics","declared","dependencies","files",)"
        R"("header_formats","note"],"properties":{"framework":{"type":"string"},"grade":)" GRADE ","
        R"("tags":)" STRINGS R"(,"library_names":)" STRINGS R"(,"topics":)" STRINGS R"(,"declared":)" STRINGS
        R"(,"dependencies":)" STRINGS R"(,"files":)" STRINGS R"(,"header_formats":)" STRINGS ","
        R"("note":{"type":"string"}}}},)"
        R"("formats":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["name","files","note"],"properties":{"name":{"type":"string"},"files":)" STRINGS ","
        R"("note":{"type":"string"}}}},)"
        R"("decisions":{"type":"array","items":{"type":"object","additionalProperties":false,)"
        R"("required":["topic","decision"],"properties":{"topic":{"type":"string"},"decision":{"type":"string"}}}}}})")
    "," ERRORS "}}}}";

}  // namespace

std::string FrameworkShareSink::OpenApiPaths() const { return kPaths; }

}  // namespace mltrend::share
