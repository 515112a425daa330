// `mltrend explain` and `mltrend coverage` render the daemon's JSON for a
// person: every matched rule with its grade, the lineage path, and unknown
// records by reason.
#include <catch2/catch.hpp>

#include <string>

#include "mltrendd/cli/render_evidence.hpp"

TEST_CASE("explain renders evidence, unused weaker grades, lineage and stored evidence") {
  const std::string json = R"({"source":"hf","id":"66aa","name":"someone/flux-lora","period":"2024-09",
    "frameworks":["pytorch"],"grade":"lineage","counted":true,"folded":true,
    "evidence":[{"framework":"pytorch","channel":"library_names","value":"peft","grade":"library","used":false}],
    "bases":["black-forest-labs/flux.1-dev"],
    "lineage":[{"name":"black-forest-labs/flux.1-dev","depth":1,"via":"someone/flux-lora","stored":true,
                "grade":"library","frameworks":["pytorch"]},
               {"name":"x/gone","depth":2,"via":"black-forest-labs/flux.1-dev","stored":false}],
    "stored_evidence":{"tags":["lora","base_model:adapter:black-forest-labs/FLUX.1-dev"],"library_names":["peft"],
                       "topics":[],"declared":[],"files":["lora.safetensors"],"header_formats":[]},
    "rules_version":"v"})";
  std::string out;
  REQUIRE(mltrendd::RenderExplain(json, out).ok());
  CHECK(out ==
        "someone/flux-lora  (source hf, id 66aa, period 2024-09)\n"
        "  frameworks: pytorch  (grade lineage)\n"
        "evidence:\n"
        "  pytorch  library_names = peft  grade library  (not used: a stronger grade decides)\n"
        "lineage:\n"
        "    black-forest-labs/flux.1-dev  library: pytorch\n"
        "      x/gone  (not in store)\n"
        "stored evidence:\n"
        "  tags: lora, base_model:adapter:black-forest-labs/FLUX.1-dev\n"
        "  library_names: peft\n"
        "  files: lora.safetensors\n"
        "  header_formats: -\n");
  CHECK_FALSE(mltrendd::RenderExplain("[1]", out).ok());
}

TEST_CASE("explain renders an unknown record's reason") {
  std::string out;
  REQUIRE(mltrendd::RenderExplain(R"({"source":"hf","id":"1","name":"a/b","period":"2025-01","frameworks":[],
    "grade":"none","unknown_reason":"gguf weights only; base not in store","evidence":[],"lineage":[]})",
                                  out)
              .ok());
  CHECK(out ==
        "a/b  (source hf, id 1, period 2025-01)\n"
        "  unknown: gguf weights only; base not in store\n"
        "evidence:\n"
        "  none of its own\n");
}

TEST_CASE("coverage renders grades, reasons with counts and downloads, and periods") {
  const std::string json = R"({"source":"hf","rules_version":"v","bucket":"year",
    "total":{"count":10,"downloads":1000,"stars":0,"likes":0},
    "classified":{"count":6,"downloads":900,"stars":0,"likes":0},
    "direct":{"count":1,"downloads":100,"stars":0,"likes":0},
    "library":{"count":3,"downloads":700,"stars":0,"likes":0},
    "lineage":{"count":2,"downloads":100,"stars":0,"likes":0},
    "unknown":{"count":4,"downloads":100,"stars":0,"likes":0},
    "unknown_reasons":[{"reason":"no file list","count":3,"downloads":90,"stars":0,"likes":0},
                       {"reason":"gguf weights only","count":1,"downloads":10,"stars":0,"likes":0}],
    "reachable":{"with_file_lists":{"count":3,"downloads":90,"stars":0,"likes":0},
                 "with_header_reads":{"count":0,"downloads":0,"stars":0,"likes":0}},
    "periods":[{"period":"2025","total":{"count":10},"classified":{"count":6},"direct":{"count":1},
                "library":{"count":3},"lineage":{"count":2},"unknown":{"count":4}}]})";
  std::string out;
  REQUIRE(mltrendd::RenderCoverage(json, out).ok());
  CHECK(out ==
        "hf: 10 records, 6 classified (direct 1, library 3, lineage 2), 4 unknown (40.0% of records, 10.0% of "
        "downloads)\n"
        "unknown, by reason                                         records        downloads\n"
        "  no file list                                                   3               90\n"
        "  gguf weights only                                              1               10\n"
        "file lists would reach 3 unknown records, safetensors header reads 0\n"
        "period        total  direct library lineage  unknown\n"
        "2025             10       1       3       2        4\n");
}
