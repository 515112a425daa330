// File lists and safetensors header reads against the loopback replay
// server (Range support, a redirect to a second "CDN" server), the daemon's
// HTTP client and a real RocksDB store. Headers served are the two real
// prefixes in tests/fixtures/huggingface/safetensors_headers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "hf_budget.hpp"
#include "hf_files.hpp"
#include "hf_state.hpp"
#include "hf_test_support.hpp"

using hf_test::SourceHarness;
using mltrend::StatusCode;
using Files = std::vector<std::string>;

namespace {

const char* kFirstTarget =
    "/api/models?limit=1000&expand%5B%5D=createdAt&expand%5B%5D=downloads&expand%5B%5D=lastModified"
    "&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=sha"
    "&expand%5B%5D=siblings&expand%5B%5D=tags";

std::string Head(const std::string& name) {
  return mltrend_test::ReadFile(mltrend_test::FixturePath("huggingface/safetensors_headers/" + name));
}
std::string PtHead() { return Head("peft-lora-distilbert_adapter_model.safetensors.head"); }
std::string MlxHead() { return Head("mlx-lm-lora_adapters.safetensors.head"); }

std::string Model(const std::string& n, int64_t downloads, const std::string& sha, const std::string& siblings,
                  const std::string& tags = R"(["transformers","safetensors"])") {
  return R"({"_id":"id-)" + n + R"(","id":"org/)" + n + R"(","downloads":)" + std::to_string(downloads) +
         R"(,"sha":")" + sha + R"(","tags":)" + tags + (siblings.empty() ? "" : R"(,"siblings":)" + siblings) + "}";
}

//! Seven models: four candidates (b 500, e 200, a 100, g 20 downloads) and
//! three that need no header (a PyTorch file, a pytorch tag, no file list).
std::string Listing(const std::string& sha_a = "sha-a") {
  return "[" +
         Model("a", 100, sha_a, R"([{"rfilename":"README.md"},{"rfilename":"model.safetensors"},{"rfilename":"config.json"}])") +
         "," + Model("b", 500, "sha-b", R"([{"rfilename":"adapters.safetensors"},{"rfilename":"adapter_config.json"}])", R"(["mlx"])") +
         "," + Model("c", 300, "sha-c", R"([{"rfilename":"pytorch_model.bin"},{"rfilename":"model.safetensors"}])") +
         "," + Model("d", 50, "sha-d", R"([{"rfilename":"model-00001-of-00002.safetensors"},{"rfilename":"model-00002-of-00002.safetensors"}])", R"(["pytorch"])") +
         "," + Model("e", 200, "sha-e", R"([{"rfilename":"model.safetensors"}])") +
         "," + Model("f", 10, "sha-f", "") +
         "," + Model("g", 20, "sha-g", R"([{"rfilename":"weights/model-00001-of-00003.safetensors"},{"rfilename":"weights/model-00002-of-00003.safetensors"}])") +
         "]";
}

mltrend_test::Exchange Answer(std::string target, std::string body, int status = 200) {
  mltrend_test::Exchange e;
  e.target = std::move(target);
  e.status = status;
  e.headers = {{"Content-Type", status == 200 ? "application/octet-stream" : "application/json"}};
  e.body = std::move(body);
  return e;
}

const char* kA = "/org/a/resolve/sha-a/model.safetensors";
const char* kB = "/org/b/resolve/sha-b/adapters.safetensors";
const char* kE = "/org/e/resolve/sha-e/model.safetensors";
const char* kG = "/org/g/resolve/sha-g/weights/model-00001-of-00003.safetensors";

//! The listing, the pt header for a (behind a redirect to `cdn`), the MLX
//! header for b and g, and a 404 for e.
void Serve(SourceHarness& h, mltrend_test::ReplayServer& cdn, const std::string& listing) {
  h.Server().Add(Answer(kFirstTarget, listing));
  mltrend_test::Exchange redirect = Answer(kA, "", 302);
  redirect.headers = {{"Location", cdn.BaseUrl() + "/xet/blob-a?sig=1"}};
  h.Server().Add(redirect);
  h.Server().Add(Answer(kB, MlxHead()));
  h.Server().Add(Answer(kE, R"({"error":"Entry not found"})", 404));
  h.Server().Add(Answer(kG, MlxHead()));
}

std::vector<std::string> HeaderRequests(mltrend_test::ReplayServer& server) {
  std::vector<std::string> out;
  for (const auto& r : server.Requests())
    if (r.target.find("/resolve/") != std::string::npos) out.push_back(r.target + " " + r.Header("Range"));
  return out;
}

std::string AttrOf(const mltrend::Record& r, const std::string& key) {
  auto it = r.attrs.find(key);
  return it == r.attrs.end() ? "<none>" : it->second;
}

mltrend::ConfigValues FullEveryRun(SourceHarness& h) {
  auto config = h.Config();
  config.Set("full_crawl_interval", std::chrono::milliseconds(0));
  return config;
}

}  // namespace

TEST_CASE("siblings become bounded evidence files, headers are read by downloads and cached by sha") {
  mltrend_test::ReplayServer cdn;
  cdn.Add(Answer("/xet/blob-a?sig=1", PtHead()));
  cdn.Start();
  SourceHarness h;
  Serve(h, cdn, Listing());
  h.Server().Start();
  auto config = FullEveryRun(h);

  mltrend::Status s = h.Run(config);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(HeaderRequests(h.Server()) ==
        Files{std::string(kB) + " bytes=0-7", std::string(kB) + " bytes=8-1691", std::string(kE) + " bytes=0-7",
              std::string(kA) + " bytes=0-7", std::string(kA) + " bytes=8-3847", std::string(kG) + " bytes=0-7",
              std::string(kG) + " bytes=8-1691"});
  // The redirect to the CDN kept the Range.
  REQUIRE(cdn.Requests().size() == 2);
  CHECK(cdn.Requests()[0].Header("Range") == "bytes=0-7");
  CHECK(cdn.Requests()[1].Header("Range") == "bytes=8-3847");

  const mltrend::Record a = h.Get("id-a");
  CHECK(a.files == Files{"model.safetensors", "config.json"});
  CHECK(AttrOf(a, "files_listed") == "true");
  CHECK(AttrOf(a, "sha") == "sha-a");
  CHECK(a.header_formats == Files{"pt"});
  CHECK(AttrOf(a, "safetensors_header") == "model.safetensors");
  const mltrend::Record b = h.Get("id-b");
  CHECK(b.header_formats.empty());
  CHECK(AttrOf(b, "safetensors_header") == "adapters.safetensors");
  const mltrend::Record e = h.Get("id-e");
  CHECK(e.header_formats.empty());
  CHECK(AttrOf(e, "safetensors_header") == "<none>");
  CHECK_THAT(AttrOf(e, "safetensors_header_error"), Catch::StartsWith("model.safetensors: HTTP 404 for bytes 0-7"));
  CHECK(h.Get("id-g").files == Files{"weights/model-00001-of-00003.safetensors"});
  for (const char* untouched : {"id-c", "id-d", "id-f"}) {
    const mltrend::Record r = h.Get(untouched);
    INFO(untouched);
    CHECK(AttrOf(r, "safetensors_header") == "<none>");
    CHECK(AttrOf(r, "safetensors_header_error") == "<none>");
  }
  CHECK(AttrOf(h.Get("id-f"), "files_listed") == "<none>");
  CHECK(h.Get("id-c").files == Files{"pytorch_model.bin", "model.safetensors"});
  CHECK(h.Get("id-d").files == Files{"model-00001-of-00002.safetensors"});

  // Same shas: the results come from state, no header request at all.
  mltrend::hf::RequestBudget::ForgetAll();
  const size_t before = h.Server().Requests().size();
  s = h.Run(config);
  REQUIRE(s.ok());
  CHECK(h.Server().Requests().size() == before + 1);  // the listing page only
  CHECK(h.Get("id-a").header_formats == Files{"pt"});
  CHECK(AttrOf(h.Get("id-b"), "safetensors_header") == "adapters.safetensors");
  CHECK_THAT(AttrOf(h.Get("id-e"), "safetensors_header_error"), Catch::StartsWith("model.safetensors: HTTP 404"));

  // a's sha changes: its header is read again (at the new sha), the rest not.
  h.Server().Add(Answer(kFirstTarget, Listing("sha-a2")));
  h.Server().Add(Answer("/org/a/resolve/sha-a2/model.safetensors", MlxHead()));
  mltrend::hf::RequestBudget::ForgetAll();
  const size_t resolves = HeaderRequests(h.Server()).size();
  s = h.Run(config);
  REQUIRE(s.ok());
  CHECK(HeaderRequests(h.Server()).size() == resolves + 2);
  CHECK(HeaderRequests(h.Server()).back() == "/org/a/resolve/sha-a2/model.safetensors bytes=8-1691");
  CHECK(h.Get("id-a").header_formats.empty());
  CHECK(AttrOf(h.Get("id-a"), "sha") == "sha-a2");
}

TEST_CASE("header_budget reads the most downloaded models first and the rest in the next run") {
  mltrend_test::ReplayServer cdn;
  cdn.Add(Answer("/xet/blob-a?sig=1", PtHead()));
  cdn.Start();
  SourceHarness h;
  Serve(h, cdn, Listing());
  h.Server().Start();
  auto config = FullEveryRun(h);
  config.Set("header_budget", int64_t{2});

  REQUIRE(h.Run(config).ok());
  CHECK(HeaderRequests(h.Server()) ==
        Files{std::string(kB) + " bytes=0-7", std::string(kB) + " bytes=8-1691", std::string(kE) + " bytes=0-7"});
  CHECK(AttrOf(h.Get("id-a"), "safetensors_header") == "<none>");
  CHECK(h.State(mltrend::hf::state::HeaderPending("id-a")).has_value());

  mltrend::hf::RequestBudget::ForgetAll();
  REQUIRE(h.Run(config).ok());
  CHECK(HeaderRequests(h.Server()).size() == 7);
  CHECK(h.Get("id-a").header_formats == Files{"pt"});
  CHECK(AttrOf(h.Get("id-g"), "safetensors_header") == "weights/model-00001-of-00003.safetensors");
  CHECK(!h.State(mltrend::hf::state::HeaderPending("id-a")).has_value());

  // read_safetensors_headers = false: nothing queued, nothing read, results kept.
  config.Set("read_safetensors_headers", false);
  mltrend::hf::RequestBudget::ForgetAll();
  REQUIRE(h.Run(config).ok());
  CHECK(HeaderRequests(h.Server()).size() == 7);
  CHECK(h.Get("id-a").header_formats == Files{"pt"});
}

TEST_CASE("a bad header is that model's error; a server error ends the run and is retried") {
  SourceHarness h;
  std::string huge = std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8) + "{}";  // N = 2^32
  h.Server().Add(Answer(kFirstTarget, "[" +
                                          Model("a", 100, "sha-a", R"([{"rfilename":"model.safetensors"}])") + "," +
                                          Model("b", 500, "sha-b", R"([{"rfilename":"adapters.safetensors"}])") + "," +
                                          Model("e", 200, "sha-e", R"([{"rfilename":"model.safetensors"}])") + "]"));
  h.Server().Add(Answer(kA, huge));
  h.Server().Add(Answer(kB, std::string("\x04\0\0\0\0\0\0\0[1] ", 12)));
  h.Server().Add(Answer(kE, R"({"error":"upstream"})", 503));
  h.Server().Add(Answer(kE, PtHead()));
  h.Server().Start();
  auto config = FullEveryRun(h);

  mltrend::Status s = h.Run(config);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK_THAT(s.message(), Catch::Contains("503"));
  // b came first (most downloads) and failed on its own; e stopped the run.
  CHECK_THAT(AttrOf(h.Get("id-b"), "safetensors_header_error"),
             Catch::Equals("adapters.safetensors: safetensors header is a JSON array, expected an object"));
  CHECK(AttrOf(h.Get("id-e"), "safetensors_header_error") == "<none>");
  CHECK(h.Count() == 3);  // the page itself committed before the reads

  mltrend::hf::RequestBudget::ForgetAll();
  s = h.Run(config);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(h.Get("id-e").header_formats == Files{"pt"});
  CHECK_THAT(AttrOf(h.Get("id-a"), "safetensors_header_error"),
             Catch::Equals("model.safetensors: safetensors header length 4294967296 is over the limit of 8388608 bytes"));
}

TEST_CASE("the recorded model_info answers, as listing pages, give each model its evidence files") {
  mltrend_test::TempDir tmp;
  const std::string args = "cassettes '" +
                           mltrend_test::FixturePath("huggingface/hub_model_info_vcr_2024-2025.json.gz").string() +
                           "' --out '" + (tmp / "pages").string() + "'";
  REQUIRE(hf_test::RunTool("hf_evidence_models.py", args, tmp / "tool.out") == 0);
  SourceHarness h;
  h.Server().LoadDirectory(tmp / "pages");
  h.Server().Start();
  mltrend::Status s = h.Run(h.Config());
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(h.Count() == 11);
  std::map<std::string, mltrend::Record> by_name;
  for (mltrend::Record& r : h.Records()) by_name[r.name] = std::move(r);
  const mltrend::Record& sd = by_name.at("stabilityai/stable-diffusion-2-1");
  CHECK(std::find(sd.files.begin(), sd.files.end(), "unet/diffusion_pytorch_model.bin") != sd.files.end());
  CHECK(std::find(sd.files.begin(), sd.files.end(), "model_index.json") != sd.files.end());
  CHECK(AttrOf(sd, "safetensors_header") == "<none>");  // a PyTorch file says enough
  const mltrend::Record& espnet = by_name.at("espnet/kan-bayashi_ljspeech_vits");
  REQUIRE(espnet.files.size() == 1);
  CHECK(espnet.files[0].ends_with(".pth"));
  // 59 shards, one kept; the only header candidate, whose resolve/ the replay
  // server does not know: a 404 recorded on the record, the run still Ok.
  const mltrend::Record& orpo = by_name.at("HuggingFaceH4/zephyr-orpo-141b-A35b-v0.1");
  CHECK(orpo.files == Files{"config.json", "model-00001-of-00059.safetensors", "model.safetensors.index.json",
                            "training_args.bin"});
  CHECK_THAT(AttrOf(orpo, "safetensors_header_error"),
             Catch::StartsWith("model-00001-of-00059.safetensors: HTTP 404 for bytes 0-7"));
  for (const auto& [name, record] : by_name) {
    INFO(name);
    CHECK(AttrOf(record, "files_listed") == "true");
    CHECK(AttrOf(record, "sha").size() == 40);
    CHECK(record.files.size() <= mltrend::hf::kFilesPerRecord);
  }
}

TEST_CASE("a floor model both read and dated keeps its header format and its first-commit date") {
  SourceHarness h;
  std::string model = Model("a", 100, "sha-a", R"([{"rfilename":"model.safetensors"}])");
  model.insert(model.size() - 1, R"(,"createdAt":"2022-03-02T23:29:04.000Z")");
  h.Server().Add(Answer(kFirstTarget, "[" + model + "]"));
  h.Server().Add(Answer(kA, PtHead()));
  h.Server().Add(Answer("/api/models/org/a/commits/main",
                        R"([{"id":"c1","title":"initial commit","message":"","authors":[],"date":"2021-05-01T10:00:00.000Z"}])"));
  h.Server().Start();
  auto config = FullEveryRun(h);
  config.Set("enrich_first_commit", true);

  mltrend::Status s = h.Run(config);
  INFO(s.message());
  REQUIRE(s.ok());
  mltrend::Record a = h.Get("id-a");
  CHECK(a.header_formats == Files{"pt"});
  CHECK(a.date == "2021-05-01T10:00:00.000Z");
  CHECK(a.period_override.empty());

  // The next crawl brings the model at the floor again: both come from state.
  mltrend::hf::RequestBudget::ForgetAll();
  REQUIRE(h.Run(config).ok());
  a = h.Get("id-a");
  CHECK(a.header_formats == Files{"pt"});
  CHECK(a.date == "2021-05-01T10:00:00.000Z");
  CHECK(HeaderRequests(h.Server()).size() == 2);
}
