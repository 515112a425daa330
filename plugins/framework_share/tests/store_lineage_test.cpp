// Lineage against the daemon's real store: a record without evidence of its
// own inherits its base models' sets, transitively; when a base arrives,
// changes or goes, its descendants move with it, and every incremental fold
// still equals a full recompute. Explain and coverage say why.
#include "store_harness.hpp"

using namespace framework_share_test;

namespace {

mltrend::Record Model(std::string id, std::string name, std::vector<std::string> tags,
                      std::vector<std::string> libraries = {}, int64_t downloads = 1) {
  mltrend::Record r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.date = "2025-06-01T00:00:00.000Z";
  r.tags = std::move(tags);
  r.library_names = std::move(libraries);
  r.metrics["downloads"] = downloads;
  return r;
}

simdjson::dom::element Parse(simdjson::dom::parser& parser, const std::string& body) { return parser.parse(body); }

//! `/v1/explain` for `name`: "<grade>:<frameworks>" or "none:<unknown reason>".
std::string Explained(Harness& h, const std::string& name) {
  auto r = h.Query({{"source", "hf"}, {"name", name}}, "/v1/explain");
  REQUIRE(r.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element body = Parse(parser, r.body);
  std::string out = std::string(std::string_view(body["grade"])) + ":";
  std::string_view reason;
  if (body["unknown_reason"].get(reason) == simdjson::SUCCESS) return out + std::string(reason);
  bool first = true;
  for (std::string_view f : body["frameworks"].get_array()) {
    out += (first ? "" : ",") + std::string(f);
    first = false;
  }
  return out;
}

//! Folds `inc`, recomputes in a fresh sink, and compares cells, slices,
//! every trends answer and the coverage answer.
void CheckEqualsFull(mltrendd::Store& store, Harness& inc, const std::string& fresh) {
  CheckIncrementalEqualsFull(store, inc, fresh, {"hf"});
  Harness full(store, fresh + "-coverage", {"hf"}, DefaultRules());
  REQUIRE(full.Open().ok());
  for (const char* bucket : {"month", "year"})
    CHECK(inc.Query({{"source", "hf"}, {"bucket", bucket}}, "/v1/coverage").body ==
          full.Query({{"source", "hf"}, {"bucket", bucket}}, "/v1/coverage").body);
}

}  // namespace

TEST_CASE("lineage: descendants follow their bases as they arrive, change and go, incremental == full") {
  TempDir dir;
  auto store = OpenStore(dir);
  Harness inc(*store, "incremental", {"hf"}, DefaultRules(), false, 400, 3);
  REQUIRE(inc.Open().ok());

  // Children first: their bases are not stored yet.
  const mltrend::Record quant = Model("q", "Someone/Base-GGUF", {"gguf", "base_model:quantized:Org/Base"}, {}, 50);
  const mltrend::Record grandchild = Model("g", "x/finetune-of-quant", {"base_model:someone/base-gguf"}, {}, 7);
  const mltrend::Record cycle_a = Model("ca", "c/a", {"base_model:c/b"});
  const mltrend::Record cycle_b = Model("cb", "c/b", {"base_model:finetune:c/a"});
  const mltrend::Record orphan = Model("o", "d/orphan", {"base_model:nowhere/none"});
  Commit(*store, "hf", {quant, grandchild, cycle_a, cycle_b, orphan});
  CheckEqualsFull(*store, inc, "full-1");
  CHECK(Explained(inc, "someone/base-gguf") == "none:no file list; base not in store");
  CHECK(Explained(inc, "x/finetune-of-quant") == "none:no file list; base unknown");
  CHECK(Explained(inc, "c/a") == "none:no file list; base unknown");  // a cycle adds nothing
  CHECK(Explained(inc, "d/orphan") == "none:no file list; base not in store");

  // The base arrives: a transformers model (PyTorch, library grade).
  mltrend::Record base = Model("b", "Org/Base", {"transformers", "safetensors"}, {"transformers"}, 1000);
  Commit(*store, "hf", {base});
  CheckEqualsFull(*store, inc, "full-2");
  CHECK(Explained(inc, "Org/Base") == "library:pytorch");
  CHECK(Explained(inc, "someone/base-gguf") == "lineage:pytorch");
  CHECK(Explained(inc, "x/finetune-of-quant") == "lineage:pytorch");  // two levels down
  {
    auto r = inc.Query({{"source", "hf"}, {"bucket", "year"}});
    simdjson::dom::parser parser;
    simdjson::dom::element point = Parse(parser, r.body)["series"].at(0);
    CHECK(int64_t(point["total"]) == 6);
    CHECK(int64_t(point["classified"]) == 3);
    CHECK(int64_t(point["grades"]["library"]) == 1);
    CHECK(int64_t(point["grades"]["lineage"]) == 2);
    CHECK(int64_t(point["grades"]["direct"]) == 0);
    // evidence=direct,library leaves the inherited ones unknown.
    r = inc.Query({{"source", "hf"}, {"bucket", "year"}, {"evidence", "direct,library"}});
    point = Parse(parser, r.body)["series"].at(0);
    CHECK(int64_t(point["classified"]) == 1);
    CHECK(int64_t(point["unknown"]) == 5);
  }

  // The base gains a tf tag: direct TensorFlow, and its descendants move.
  base.tags.push_back("tf");
  Commit(*store, "hf", {base});
  CheckEqualsFull(*store, inc, "full-3");
  CHECK(Explained(inc, "x/finetune-of-quant") == "lineage:tensorflow");

  // The quantisation gets evidence of its own: the grandchild follows it.
  mltrend::Record quant2 = quant;
  quant2.tags.push_back("pytorch");
  Commit(*store, "hf", {quant2});
  CheckEqualsFull(*store, inc, "full-4");
  CHECK(Explained(inc, "someone/base-gguf") == "direct:pytorch");
  CHECK(Explained(inc, "x/finetune-of-quant") == "lineage:pytorch");

  // The cycle is broken into by evidence: both members classify.
  mltrend::Record a2 = cycle_a;
  a2.library_names = {"timm"};
  Commit(*store, "hf", {a2});
  CheckEqualsFull(*store, inc, "full-5");
  CHECK(Explained(inc, "c/b") == "lineage:pytorch");

  // The base is renamed (same id): the quantisation no longer has a stored
  // base but keeps its own evidence; the original name is gone.
  Commit(*store, "hf", {quant});  // back to no evidence of its own
  base.name = "Org/Base-renamed";
  Commit(*store, "hf", {base});
  CheckEqualsFull(*store, inc, "full-6");
  CHECK(Explained(inc, "someone/base-gguf") == "none:no file list; base not in store");
  CHECK(Explained(inc, "x/finetune-of-quant") == "none:no file list; base unknown");
  CHECK(inc.Query({{"source", "hf"}, {"name", "org/base"}}, "/v1/explain").status == 404);
}

TEST_CASE("explain: evidence, lineage path and 404 for an unknown record") {
  TempDir dir;
  auto store = OpenStore(dir);
  mltrend::Record base = Model("b", "black-forest-labs/FLUX.1-dev", {"diffusers", "safetensors"}, {"diffusers"});
  base.files = {"flux1-dev.safetensors", "transformer/diffusion_pytorch_model-00001-of-00003.safetensors"};
  base.attrs["files_listed"] = "true";
  mltrend::Record lora = Model("l", "someone/flux-lora", {"lora", "base_model:adapter:black-forest-labs/FLUX.1-dev"});
  lora.files = {"lora.safetensors"};
  lora.attrs["files_listed"] = "true";
  Commit(*store, "hf", {base, lora});
  Harness h(*store, "explain", {"hf"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());

  auto r = h.Query({{"source", "hf"}, {"name", "someone/flux-lora"}}, "/v1/explain");
  REQUIRE(r.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element body = Parse(parser, r.body);
  CHECK(std::string_view(body["id"]) == "l");
  CHECK(std::string_view(body["grade"]) == "lineage");
  CHECK(std::string_view(body["period"]) == "2025-06");
  CHECK(body["frameworks"].get_array().size() == 1);
  CHECK(std::string_view(body["frameworks"].at(0)) == "pytorch");
  CHECK(body["evidence"].get_array().size() == 0);
  simdjson::dom::element step = body["lineage"].at(0);
  CHECK(std::string_view(step["name"]) == "black-forest-labs/flux.1-dev");
  CHECK(int64_t(step["depth"]) == 1);
  CHECK(std::string_view(step["grade"]) == "library");
  CHECK(bool(step["stored"]));

  r = h.Query({{"source", "hf"}, {"id", "b"}}, "/v1/explain");
  body = Parse(parser, r.body);
  CHECK(std::string_view(body["name"]) == "black-forest-labs/FLUX.1-dev");
  simdjson::dom::element match = body["evidence"].at(0);
  CHECK(std::string_view(match["framework"]) == "pytorch");
  CHECK(std::string_view(match["channel"]) == "tags");  // the Hub's library tag; library_names follows
  CHECK(std::string_view(match["value"]) == "diffusers");
  CHECK(std::string_view(match["grade"]) == "library");

  r = h.Query({{"source", "hf"}, {"name", "nobody/nothing"}}, "/v1/explain");
  CHECK(r.status == 404);
  CHECK(r.body.find("\"not_found\"") != std::string::npos);
  CHECK(h.Query({{"source", "hf"}}, "/v1/explain").status == 400);
  CHECK(h.Query({{"source", "hf"}, {"name", "a"}, {"id", "b"}}, "/v1/explain").status == 400);
}

TEST_CASE("coverage: unknown records by reason, with counts and downloads") {
  TempDir dir;
  auto store = OpenStore(dir);
  auto listed = [](mltrend::Record r, std::vector<std::string> files) {
    r.files = std::move(files);
    r.attrs["files_listed"] = "true";
    return r;
  };
  Commit(*store, "hf",
         {Model("1", "a/tagged", {"pytorch"}, {}, 100), Model("2", "a/nolist", {"text-generation"}, {}, 10),
          listed(Model("3", "a/gguf", {"gguf"}, {}, 20), {"m-Q4_K_M.gguf"}),
          listed(Model("4", "a/gguf2", {"gguf"}, {}, 5), {"m-Q8_0.gguf"}),
          listed(Model("5", "a/st", {}, {}, 3), {"model.safetensors"})});
  Harness h(*store, "coverage", {"hf"}, DefaultRules());
  REQUIRE(h.Open().ok());
  REQUIRE(h.Fold().ok());
  auto r = h.Query({{"source", "hf"}}, "/v1/coverage");
  REQUIRE(r.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element body = Parse(parser, r.body);
  CHECK(int64_t(body["total"]["count"]) == 5);
  CHECK(int64_t(body["direct"]["count"]) == 1);
  CHECK(int64_t(body["unknown"]["count"]) == 4);
  CHECK(int64_t(body["unknown"]["downloads"]) == 38);
  std::vector<std::string> reasons;
  for (simdjson::dom::element reason : body["unknown_reasons"].get_array())
    reasons.push_back(std::string(std::string_view(reason["reason"])) + "=" +
                      std::to_string(int64_t(reason["count"])) + "/" + std::to_string(int64_t(reason["downloads"])));
  CHECK(reasons == std::vector<std::string>{"gguf weights only=2/25", "no file list=1/10",
                                            "safetensors, header not read yet=1/3"});
  CHECK(int64_t(body["reachable"]["with_file_lists"]["count"]) == 1);
  CHECK(int64_t(body["reachable"]["with_header_reads"]["count"]) == 1);
  CHECK(h.Query({{"source", "hf"}, {"bucket", "week"}}, "/v1/coverage").status == 400);
}

TEST_CASE("lineage: a base arriving after a restart finds the children folded before it") {
  TempDir dir;
  auto store = OpenStore(dir);
  {
    Harness first(*store, "incremental", {"hf"}, DefaultRules());
    REQUIRE(first.Open().ok());
    Commit(*store, "hf", {Model("c", "x/child", {"base_model:finetune:Org/Late-Base"})});
    REQUIRE(first.Fold().ok());
    CHECK(Explained(first, "x/child") == "none:no file list; base not in store");
  }
  // A new sink object over the same state: the fold's base filter starts
  // from the stored edges, not from what an earlier object linked.
  Harness again(*store, "incremental", {"hf"}, DefaultRules());
  REQUIRE(again.Open().ok());
  Commit(*store, "hf", {Model("b", "Org/Late-Base", {"transformers"}, {"transformers"})});
  CheckEqualsFull(*store, again, "full-restart");
  CHECK(Explained(again, "x/child") == "lineage:pytorch");
}
