#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <utility>

#include "share_classifier.hpp"
#include "share_sink.hpp"
#include "share_rules.hpp"
#include "share_state_keys.hpp"
#include "default_rules_path.hpp"

using mltrend::share::Classifier;
using mltrend::share::FrameworkSet;
using mltrend::share::ParseRules;
using mltrend::share::Rules;

namespace {

const char* kGoodRules = R"(version = "test-1"

[[rule]]
framework = "pytorch"
tags = ["PyTorch"]
library_names = ["pytorch", "torch"]
declared = ["pytorch", "torch"]

[[rule]]
framework = "tensorflow"
tags = ["tf", "tf-keras"]
topics = ["tensorflow"]

[[rule]]
framework = "pytorch"
library_names = ["timm"]
)";

Rules MustParse(const std::string& text) {
  Rules rules;
  mltrend::Status s = ParseRules(text, "rules.toml", rules);
  INFO(s.message());
  REQUIRE(s.ok());
  return rules;
}

std::string ParseError(const std::string& text) {
  Rules rules;
  mltrend::Status s = ParseRules(text, "rules.toml", rules);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  return s.message();
}

// Names of the frameworks in `set`, comma-joined in rules order.
std::string Names(const Classifier& c, FrameworkSet set) {
  std::string out;
  for (size_t i = 0; i < c.Frameworks().size(); ++i)
    if (set & (FrameworkSet{1} << i)) out += (out.empty() ? "" : ",") + c.Frameworks()[i];
  return out;
}
std::string Names(const Classifier& c, mltrend::share::Own own) { return Names(c, own.set); }

Classifier Build(const Rules& rules) {
  Classifier c;
  REQUIRE(Classifier::Build(rules, c).ok());
  return c;
}

}  // namespace

TEST_CASE("rules: a good file parses into lower-cased rules in file order") {
  Rules rules = MustParse(kGoodRules);
  CHECK(rules.version == "test-1");
  REQUIRE(rules.rules.size() == 3);
  CHECK(rules.rules[0].framework == "pytorch");
  CHECK(rules.rules[0].tags == std::vector<std::string>{"pytorch"});
  CHECK(rules.rules[1].topics == std::vector<std::string>{"tensorflow"});
  CHECK(rules.content == kGoodRules);
  Classifier c = Build(rules);
  CHECK(c.Frameworks() == std::vector<std::string>{"pytorch", "tensorflow"});
}

TEST_CASE("rules: matching ignores case and blanks, unions rules, never splits commas") {
  Classifier c = Build(MustParse(kGoodRules));
  mltrend::Record r;
  r.tags = {"PYTORCH", "safetensors"};
  CHECK(Names(c, c.Classify(r)) == "pytorch");
  r.tags = {"pytorch", "TF"};
  CHECK(Names(c, c.Classify(r)) == "pytorch,tensorflow");
  r = {};
  r.library_names = {" TIMM "};
  CHECK(Names(c, c.Classify(r)) == "pytorch");  // the second pytorch rule
  r.library_names = {"transformers, torch"};      // splitting is the source's job
  CHECK(c.Classify(r).set == 0);
  r.library_names = {"transformers", "torch"};
  CHECK(Names(c, c.Classify(r)) == "pytorch");
  r = {};
  r.topics = {"TensorFlow"};
  CHECK(Names(c, c.Classify(r)) == "tensorflow");
  r = {};
  r.tags = {"tensorflow"};  // a topic value does not match as a tag
  CHECK(c.Classify(r).set == 0);
  r = {};
  r.declared = {"Torch"};
  CHECK(Names(c, c.Classify(r)) == "pytorch");
}

TEST_CASE("rules: errors name the file, line, column and key") {
  CHECK(ParseError("version = \"1\"\n[[rule]]\nframework = \"x\"\ntag = [\"x\"]\n") ==
        "rules.toml:4:1: unknown key 'tag' in [[rule]] (expected framework, grade, tags, library_names, topics, "
        "declared, dependencies, files, header_formats or note)");
  CHECK(ParseError("version = \"1\"\nrules = []\n") == "rules.toml:2:1: unknown key 'rules' (expected version, [[rule]], [[format]] or [[decision]])");
  CHECK(ParseError("version = \"1\"\n\n[[rule]]\nframework = \"x\"\ntags = \"x\"\n") ==
        "rules.toml:5:8: key 'tags' must be an array of strings");
  CHECK(ParseError("version = \"1\"\n[[rule]]\nframework = \"x\"\ntopics = [\"a\", 3]\n") ==
        "rules.toml:4:16: key 'topics' must hold strings only");
  CHECK(ParseError("version = \"1\"\n[[rule]]\nframework = \"x\"\ndeclared = [\"  \"]\n") ==
        "rules.toml:4:13: key 'declared' holds an empty string");
  CHECK(ParseError("version = \"1\"\n[[rule]]\ntags = [\"x\"]\n") == "rules.toml:2:1: [[rule]] has no key 'framework'");
  CHECK(ParseError("version = \"1\"\n[[rule]]\nframework = \"x\"\n") ==
        "rules.toml:2:1: [[rule]] for 'x' lists no tags, library_names, topics, declared, dependencies, files or "
        "header_formats values");
  CHECK(ParseError("version = \"1\"\n[[rule]]\nframework = \"PyTorch\"\ntags = [\"x\"]\n").rfind(
            "rules.toml:3:13: key 'framework' must be a lower-case name", 0) == 0);
  CHECK(ParseError("[[rule]]\nframework = \"x\"\ntags = [\"x\"]\n") == "rules.toml:1:1: missing key 'version'");
  CHECK(ParseError("version = 2\n") == "rules.toml:1:11: key 'version' must be a non-empty string");
  CHECK(ParseError("version = \"1\"\nrule = 3\n") == "rules.toml:2:8: key 'rule' must be written as [[rule]] tables");
  // A TOML syntax error keeps toml++'s own description and position.
  std::string syntax = ParseError("version = \"1\"\n[[rule]\n");
  CHECK(syntax.rfind("rules.toml:2:", 0) == 0);
}

TEST_CASE("rules: a missing file is an I/O error naming it") {
  Rules rules;
  mltrend::Status s = mltrend::share::LoadRules("/nonexistent/frameworks.toml", rules);
  CHECK(s.code() == mltrend::StatusCode::kIoError);
  CHECK(s.message() == "cannot read rules file /nonexistent/frameworks.toml");
}

TEST_CASE("rules: the shipped default rules file parses and decides the ambiguous cases") {
  Rules rules;
  mltrend::Status s = mltrend::share::LoadRules(framework_share_test::DefaultRulesPath(), rules);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK_FALSE(rules.version.empty());
  Classifier c = Build(rules);

  auto tags = [&](std::vector<std::string> t) {
    mltrend::Record r;
    r.tags = std::move(t);
    return Names(c, c.Classify(r));
  };
  auto libraries = [&](std::vector<std::string> l) {
    mltrend::Record r;
    r.library_names = std::move(l);
    return Names(c, c.Classify(r));
  };
  auto declared = [&](std::string d) {
    mltrend::Record r;
    r.declared = {std::move(d)};
    return Names(c, c.Classify(r));
  };
  // transformers and diffusers run on PyTorch only (grade library); a
  // framework tag, direct evidence, decides alone.
  CHECK(tags({"transformers", "safetensors", "llama", "text-generation"}) == "pytorch");
  CHECK(libraries({"transformers"}) == "pytorch");
  CHECK(libraries({"diffusers"}) == "pytorch");
  CHECK(tags({"transformers", "safetensors", "tf"}) == "tensorflow");
  CHECK(tags({"transformers", "safetensors", "pytorch"}) == "pytorch");
  CHECK(tags({"pytorch", "tf", "jax"}) == "pytorch,tensorflow,jax");
  // library_name spellings from the Hub's counts.
  for (const char* l : {"pytorch", "PyTorch", "Pytorch", "torch", "PyTorch Lightning", "peft", "timm"})
    CHECK(libraries({l}) == "pytorch");
  for (const char* l : {"tensorflow", "tf", "TensorFlow", "tf-keras", "TensorFlow Keras"})
    CHECK(libraries({l}) == "tensorflow");
  CHECK(libraries({"jax"}) == "jax");
  CHECK(libraries({"Flax"}) == "jax");
  CHECK(libraries({"keras"}) == "keras");
  CHECK(tags({"keras"}) == "keras");
  CHECK(tags({"tf-keras"}) == "tensorflow");
  // Formats and runtimes are no training framework.
  for (const char* t : {"gguf", "GGUF", "onnx", "coreml", "openvino", "safetensors"}) CHECK(tags({t}).empty());
  for (const char* l : {"gguf", "coreml", "transformers.js", "llama.cpp", "vllm"}) CHECK(libraries({l}).empty());
  // MLX is a framework of its own.
  CHECK(tags({"mlx", "safetensors"}) == "mlx");
  CHECK(libraries({"mlx-lm"}) == "mlx");
  // Papers with Code `framework` values.
  CHECK(declared("pytorch") == "pytorch");
  CHECK(declared("torch") == "pytorch");
  CHECK(declared("tf") == "tensorflow");
  CHECK(declared("jax") == "jax");
  CHECK(declared("paddle") == "paddlepaddle");
  CHECK(declared("mxnet") == "mxnet");
  CHECK(declared("mindspore") == "mindspore");
  CHECK(declared("caffe2") == "caffe2");
  CHECK(declared("none").empty());
  // GitHub topics: `tf` there mostly means Terraform.
  mltrend::Record repo;
  repo.topics = {"pytorch", "tf"};
  CHECK(Names(c, c.Classify(repo)) == "pytorch");
  // GitHub manifests: the comma list of package names the source stored.
  auto dependencies = [&](std::string list) {
    mltrend::Record r;
    r.attrs["dependencies"] = std::move(list);
    return Names(c, c.Classify(r));
  };
  CHECK(dependencies("numpy,torch,tqdm") == "pytorch");
  CHECK(dependencies("numpy, TensorFlow-GPU") == "tensorflow");
  CHECK(dependencies("jaxlib,flax,torch") == "pytorch,jax");
  CHECK(dependencies("numpy,scikit-learn,onnxruntime").empty());
  CHECK(dependencies("").empty());
}

TEST_CASE("rules: the sink's Validate refuses a broken rules file, history_days below 1, daily above total") {
  using mltrend::share::FrameworkShareSink;
  mltrend_test::TempDir dir;
  mltrend::ConfigValues config;
  config.Set("rules", framework_share_test::DefaultRulesPath());
  config.Set("official_only", false);
  config.Set("history_days", int64_t{400});
  config.Set("history_daily_days", int64_t{90});
  std::string bad_key;
  mltrend::Status s = FrameworkShareSink::Validate(config, bad_key);
  INFO(s.message());
  CHECK(s.ok());

  config.Set("rules", (dir / "nonexist.toml").string());
  s = FrameworkShareSink::Validate(config, bad_key);
  CHECK(bad_key == "rules");
  CHECK(s.message() == "cannot read rules file " + (dir / "nonexist.toml").string());

  mltrend_test::WriteFile(dir / "broken.toml", "version = \"1\"\n[[rule]]\nframework = \"PyTorch\"\ntags = [\"x\"]\n");
  config.Set("rules", (dir / "broken.toml").string());
  bad_key.clear();
  s = FrameworkShareSink::Validate(config, bad_key);
  CHECK(bad_key == "rules");
  CHECK(s.message().rfind((dir / "broken.toml").string() + ":3:13: key 'framework' must be a lower-case name", 0) == 0);

  config.Set("history_days", int64_t{0});
  bad_key.clear();
  s = FrameworkShareSink::Validate(config, bad_key);
  CHECK(s.code() == mltrend::StatusCode::kInvalidInput);
  CHECK(bad_key == "history_days");
  CHECK(s.message() == "must be at least 1, got 0");

  config.Set("rules", framework_share_test::DefaultRulesPath());
  config.Set("history_days", int64_t{60});
  bad_key.clear();
  s = FrameworkShareSink::Validate(config, bad_key);
  CHECK(bad_key == "history_daily_days");
  CHECK(s.message() == "must be between 0 and history_days (60), got 90");
  config.Set("history_daily_days", int64_t{60});
  bad_key.clear();
  s = FrameworkShareSink::Validate(config, bad_key);
  INFO(s.message());
  CHECK(s.ok());
  config.Set("history_daily_days", int64_t{-1});
  s = FrameworkShareSink::Validate(config, bad_key);
  CHECK(bad_key == "history_daily_days");
}

TEST_CASE("rules: notes and decisions parse, are checked, and leave the fingerprint alone") {
  const std::string with_notes = std::string(kGoodRules) +
                                 "note = \"timm runs on PyTorch only.\"\n\n"
                                 "[[decision]]\ntopic = \"gguf\"\ndecision = \"no framework: a runtime format.\"\n";
  Rules noted = MustParse(with_notes);
  REQUIRE(noted.rules.size() == 3);
  CHECK(noted.rules[0].note.empty());
  CHECK(noted.rules[2].note == "timm runs on PyTorch only.");
  REQUIRE(noted.decisions.size() == 1);
  CHECK(noted.decisions[0].topic == "gguf");
  CHECK(noted.decisions[0].decision == "no framework: a runtime format.");

  // Notes, decisions, comments and the version are not matching content.
  Rules plain = MustParse(kGoodRules);
  std::string reworded = "# a comment\n" + with_notes;
  reworded.replace(reworded.find("test-1"), 6, "test-2");
  reworded.replace(reworded.find("PyTorch only."), 13, "PyTorch alone.");
  Rules other = MustParse(reworded);
  CHECK(mltrend::share::Fingerprint(plain, false) == mltrend::share::Fingerprint(noted, false));
  CHECK(mltrend::share::Fingerprint(plain, false) == mltrend::share::Fingerprint(other, false));
  // A value, a list or the order of rules is.
  std::string retagged = kGoodRules;
  retagged.replace(retagged.find("\"tf-keras\""), 10, "\"keras\"");
  CHECK(mltrend::share::Fingerprint(plain, false) != mltrend::share::Fingerprint(MustParse(retagged), false));
  std::string moved = kGoodRules;
  const std::string topics = "topics = [\"tensorflow\"]";
  moved.replace(moved.find(topics), topics.size(), "declared = [\"tensorflow\"]");
  CHECK(mltrend::share::Fingerprint(plain, false) != mltrend::share::Fingerprint(MustParse(moved), false));

  const std::pair<const char*, const char*> kBad[] = {
      {"[[rule]]\nframework = \"x\"\ntags = [\"x\"]\nnote = 3\n", "rules.toml:5:8: key 'note' must be a string"},
      {"[[decision]]\ntopic = \"x\"\n", "rules.toml:2:1: [[decision]] needs both 'topic' and 'decision'"},
      {"[[decision]]\ntopic = \"x\"\ndecision = \"\"\n", "rules.toml:4:12: key 'decision' must be a non-empty string"},
      {"[[decision]]\ntopic = \"x\"\nwhy = \"y\"\n",
       "rules.toml:4:1: unknown key 'why' in [[decision]] (expected topic or decision)"},
      {"decision = \"x\"\n", "rules.toml:2:12: key 'decision' must be written as [[decision]] tables"},
  };
  for (const auto& [text, message] : kBad) CHECK(ParseError(std::string("version = \"1\"\n") + text) == message);
}

TEST_CASE("rules: every shipped rule carries a note and the file its decisions") {
  Rules rules;
  REQUIRE(mltrend::share::LoadRules(framework_share_test::DefaultRulesPath(), rules).ok());
  for (const auto& rule : rules.rules) {
    INFO(rule.framework);
    CHECK(rule.note.size() > 20);
  }
  // Every [[decision]] table of the file, counted in its text independently.
  std::ifstream file(framework_share_test::DefaultRulesPath());
  size_t tables = 0;
  for (std::string line; std::getline(file, line);) tables += line == "[[decision]]" ? 1 : 0;
  CHECK(tables == 8);
  REQUIRE(rules.decisions.size() == tables);
  bool safetensors = false;
  for (const auto& d : rules.decisions) safetensors |= d.topic.find("safetensors") != std::string::npos;
  CHECK(safetensors);
}
