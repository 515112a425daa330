// The evidence channels a record is classified by: weight-file globs,
// safetensors header formats, graded rules (direct beats library), the
// `[[format]]` tables that only explain an unknown, and base-model names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "default_rules_path.hpp"
#include "share_classifier.hpp"
#include "share_evidence.hpp"
#include "share_file_glob.hpp"
#include "share_rules.hpp"
#include "share_tally.hpp"

using namespace mltrend::share;

namespace {

const char* kRules = R"(version = "evidence-1"

[[rule]]
framework = "pytorch"
grade = "direct"
tags = ["pytorch"]
files = ["pytorch_model*.bin", "*.pt", "unet/*.ckpt"]
header_formats = ["pt"]

[[rule]]
framework = "pytorch"
grade = "library"
library_names = ["transformers", "peft"]

[[rule]]
framework = "tensorflow"
grade = "direct"
tags = ["tf"]
files = ["tf_model.h5", "*.tflite"]
header_formats = ["tf"]

[[rule]]
framework = "mlx"
grade = "direct"
header_formats = ["mlx"]

[[format]]
name = "gguf"
files = ["*.gguf"]

[[format]]
name = "safetensors"
files = ["*.safetensors"]
)";

Classifier Build(const char* text = kRules) {
  Rules rules;
  mltrend::Status s = ParseRules(text, "rules.toml", rules);
  INFO(s.message());
  REQUIRE(s.ok());
  Classifier c;
  REQUIRE(Classifier::Build(rules, c).ok());
  return c;
}

mltrend::Record Model(std::vector<std::string> tags, std::vector<std::string> files = {},
                      std::vector<std::string> libraries = {}) {
  mltrend::Record r;
  r.id = "id";
  r.name = "org/model";
  r.tags = std::move(tags);
  r.files = std::move(files);
  r.library_names = std::move(libraries);
  if (!r.files.empty()) r.attrs["files_listed"] = "true";
  return r;
}

constexpr FrameworkSet kPt = 1, kTf = 2, kMlx = 4;

}  // namespace

TEST_CASE("file globs match the base name, or the whole path when the pattern has a '/'") {
  FileGlobs globs;
  globs.Add("pytorch_model*.bin", 0);
  globs.Add("unet/*.ckpt", 1);
  globs.Add("*", 2);
  std::vector<size_t> hits;
  auto match = [&](std::string_view path) {
    hits.clear();
    globs.Match(path, [&](size_t id) { hits.push_back(id); });
    std::sort(hits.begin(), hits.end());
    return hits;
  };
  CHECK(match("text_encoder/PyTorch_Model-00001-of-00002.BIN") == std::vector<size_t>{0, 2});
  CHECK(match("unet/model.ckpt") == std::vector<size_t>{1, 2});
  CHECK(match("vae/model.ckpt") == std::vector<size_t>{2});
  CHECK(match("pytorch_model.bin.index.json") == std::vector<size_t>{2});
}

TEST_CASE("evidence: files and header formats classify, direct evidence beats a library's") {
  const Classifier c = Build();
  CHECK(c.Frameworks() == std::vector<std::string>{"pytorch", "tensorflow", "mlx"});
  CHECK(c.Formats() == std::vector<std::string>{"gguf", "safetensors"});

  CHECK(c.Classify(Model({}, {"pytorch_model.bin"})) == Own{Grade::kDirect, kPt});
  CHECK(c.Classify(Model({}, {"model.tflite", "config.json"})) == Own{Grade::kDirect, kTf});
  CHECK(c.Classify(Model({}, {"tf_model.h5", "pytorch_model.bin"})) == Own{Grade::kDirect, kPt | kTf});
  // A transformers model: library grade; tagged tf as well: TensorFlow alone.
  CHECK(c.Classify(Model({}, {}, {"transformers"})) == Own{Grade::kLibrary, kPt});
  CHECK(c.Classify(Model({"tf"}, {}, {"transformers"})) == Own{Grade::kDirect, kTf});
  // The header channel: an MLX adapter's safetensors.
  mltrend::Record mlx = Model({}, {"adapters.safetensors"});
  mlx.header_formats = {"MLX"};
  CHECK(c.Classify(mlx) == Own{Grade::kDirect, kMlx});
  CHECK(c.Classify(Model({"gguf"}, {"model-q4_k_m.gguf"})) == Own{});

  // Explain lists every match, weaker grades too, with the glob that matched.
  const auto matches = c.Explain(Model({"tf"}, {"sub/model.pt"}, {"peft"}));
  REQUIRE(matches.size() == 3);
  CHECK(matches[0].framework == "tensorflow");
  CHECK(matches[0].channel == "tags");
  CHECK(matches[0].value == "tf");
  CHECK(matches[1].framework == "pytorch");
  CHECK(matches[1].channel == "library_names");
  CHECK(matches[1].grade == Grade::kLibrary);
  CHECK(matches[2].channel == "files");
  CHECK(matches[2].value == "sub/model.pt");
  CHECK(matches[2].pattern == "*.pt");
  CHECK(matches[2].grade == Grade::kDirect);
}

TEST_CASE("evidence: an unknown record says why in terms of its files") {
  const Classifier c = Build();
  auto reason = [&](const mltrend::Record& r) { return ReadOwnEvidence(c, r).file_reason; };
  CHECK(reason(Model({"text-generation"})) == FileReason::kNoFileList);
  CHECK(reason(Model({"text-generation"}, {"config.json", "README.yaml"})) == FileReason::kNoWeightFiles);
  CHECK(reason(Model({}, {"model.safetensors"})) == FileReason::kHeaderNotRead);
  mltrend::Record read = Model({}, {"model.safetensors"});
  read.attrs["safetensors_header"] = "model.safetensors";
  CHECK(reason(read) == FileReason::kHeaderNoFormat);
  const OwnEvidence gguf = ReadOwnEvidence(c, Model({}, {"a.gguf"}));
  CHECK(gguf.file_reason == FileReason::kFormatOnly);
  CHECK(c.Formats()[gguf.format] == "gguf");
  CHECK(reason(Model({}, {"weights.npz"})) == FileReason::kUnattributed);
  mltrend::Record repo;  // a GitHub repository: no tags, no files
  repo.topics = {"deep-learning"};
  CHECK(reason(repo) == FileReason::kUnmatched);
  CHECK(reason(Model({}, {"pytorch_model.bin"})) == FileReason::kNone);

  const std::vector<std::string> formats = c.Formats();
  CHECK(ReasonText({Grade::kNone, 0, FileReason::kFormatOnly, BaseReason::kBaseNotStored, gguf.format}, formats) ==
        "gguf weights only; base not in store");
  CHECK(ReasonText({Grade::kNone, 0, FileReason::kHeaderNotRead, BaseReason::kNoBase, 0}, formats) ==
        "safetensors, header not read yet");
}

TEST_CASE("evidence: base model names from base_model tags, any relation, any case") {
  mltrend::Record r = Model({"base_model:Qwen/Qwen2.5-7B", "base_model:quantized:meta-llama/Llama-3.1-8B",
                             "base_model:finetune:Qwen/Qwen2.5-7B", "base_model:adapter:x/y", "base_model:merge:a/b",
                             "base_model:org/model", "license:mit", "base_model:"});
  CHECK(BaseNames(r) == std::vector<std::string>{"a/b", "meta-llama/llama-3.1-8b", "qwen/qwen2.5-7b", "x/y"});
}

TEST_CASE("rules: grade, files, header_formats and [[format]] are read and checked") {
  Rules rules;
  REQUIRE(ParseRules(kRules, "rules.toml", rules).ok());
  REQUIRE(rules.rules.size() == 4);
  CHECK(rules.rules[1].grade == Grade::kLibrary);
  CHECK(rules.rules[0].files == std::vector<std::string>{"pytorch_model*.bin", "*.pt", "unet/*.ckpt"});
  CHECK(rules.rules[3].header_formats == std::vector<std::string>{"mlx"});
  REQUIRE(rules.formats.size() == 2);
  CHECK(rules.formats[0].name == "gguf");

  auto error = [](const std::string& text) {
    Rules out;
    mltrend::Status s = ParseRules(text, "rules.toml", out);
    REQUIRE_FALSE(s.ok());
    return s.message();
  };
  CHECK(error("version = \"v\"\n[[rule]]\nframework = \"pytorch\"\ngrade = \"lineage\"\ntags = [\"a\"]\n") ==
        "rules.toml:4:9: key 'grade' must be \"direct\" or \"library\" (lineage is derived, never written)");
  CHECK(error("version = \"v\"\n[[rule]]\nframework = \"pytorch\"\nfiles = [\"/abs.bin\"]\n") ==
        "rules.toml:4:9: key 'files' pattern '/abs.bin' starts with '/' (file paths are relative to the repository)");
  CHECK(error("version = \"v\"\n[[format]]\nname = \"gguf\"\n") ==
        "rules.toml:2:1: [[format]] needs both 'name' and 'files'");
  // A rule without grade is direct: rules files written before grades keep their meaning.
  REQUIRE(ParseRules("version = \"v\"\n[[rule]]\nframework = \"pytorch\"\ntags = [\"a\"]\n", "r", rules).ok());
  CHECK(rules.rules[0].grade == Grade::kDirect);
}

TEST_CASE("the shipped rules state a grade on every rule and classify today's Hub shapes") {
  Rules rules;
  REQUIRE(mltrend::share::LoadRules(framework_share_test::DefaultRulesPath(), rules).ok());
  // Every [[rule]] writes its grade: count them in the text.
  size_t rule_tables = 0, grade_lines = 0;
  for (size_t at = 0; (at = rules.content.find("\n[[rule]]\n", at)) != std::string::npos; ++at) ++rule_tables;
  for (size_t at = 0; (at = rules.content.find("\ngrade = \"", at)) != std::string::npos; ++at) ++grade_lines;
  CHECK(rule_tables == rules.rules.size());
  CHECK(grade_lines == rules.rules.size());
  Classifier c;
  REQUIRE(Classifier::Build(rules, c).ok());
  auto names = [&](const mltrend::Record& r) {
    std::string out;
    const Own own = c.Classify(r);
    for (size_t i = 0; i < c.Frameworks().size(); ++i)
      if (own.set & (FrameworkSet{1} << i)) out += (out.empty() ? "" : ",") + c.Frameworks()[i];
    return std::string(GradeName(own.grade)) + ":" + out;
  };
  CHECK(names(Model({"transformers", "safetensors"}, {}, {"transformers"})) == "library:pytorch");
  CHECK(names(Model({"diffusers", "safetensors"}, {}, {"diffusers"})) == "library:pytorch");
  CHECK(names(Model({"tf", "transformers"}, {}, {"transformers"})) == "direct:tensorflow");
  CHECK(names(Model({"mlx", "safetensors"}, {}, {"mlx"})) == "direct:mlx");
  CHECK(names(Model({}, {}, {"mlx-lm"})) == "library:mlx");
  CHECK(names(Model({}, {"flux1-dev.safetensors", "ae.safetensors", "transformer/diffusion_pytorch_model.bin"})) ==
        "direct:pytorch");
  CHECK(names(Model({}, {"flax_model.msgpack"})) == "direct:jax");
  CHECK(names(Model({}, {"model.keras"})) == "direct:keras");
  CHECK(names(Model({"gguf"}, {"model-Q4_K_M.gguf"})) == "none:");
  CHECK(names(Model({}, {"model.h5"})) == "none:");  // HDF5: written by many tools (a written decision)
}
