// Which repository files a record keeps as evidence, and the listing's
// siblings and sha on the record.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "hf_files.hpp"
#include "hf_page_parser.hpp"

using namespace mltrend::hf;
using Files = std::vector<std::string>;

TEST_CASE("evidence files are weights by extension and a few library configs, paths kept") {
  const Files siblings = {".gitattributes",
                          "README.md",
                          "config.json",
                          "tokenizer.json",
                          "unet/diffusion_pytorch_model.bin",
                          "unet/diffusion_pytorch_model.safetensors",
                          "model_index.json",
                          "adapter_config.json",
                          "openvino_model.xml",
                          "openvino_tokenizer.xml",
                          "Model.GGUF",
                          "coreml/model.mlpackage/Data/com.apple.CoreML/weights/weight.bin",
                          "pytorch_model.bin.index.json",
                          "images/example.png",
                          "training_args.bin"};
  CHECK(SelectEvidenceFiles(siblings) == Files{"config.json", "unet/diffusion_pytorch_model.bin",
                                               "unet/diffusion_pytorch_model.safetensors", "model_index.json",
                                               "adapter_config.json", "openvino_model.xml", "Model.GGUF",
                                               "coreml/model.mlpackage/Data/com.apple.CoreML/weights/weight.bin",
                                               "pytorch_model.bin.index.json", "training_args.bin"});
  CHECK(EvidenceKind("coreml/model.mlpackage/Manifest.json") == "mlpackage");
  CHECK(EvidenceKind("vocab.txt").empty());
  CHECK(EvidenceKind("a/b.PTH") == "pth");
}

TEST_CASE("shards count once per family and each kind and the record are bounded") {
  Files siblings;
  for (int i = 1; i <= 59; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "model-%05d-of-00059.safetensors", i);
    siblings.push_back(name);
  }
  for (int i = 0; i < 20; ++i) siblings.push_back("q" + std::string(1, static_cast<char>('a' + i)) + ".gguf");
  for (int i = 0; i < 60; ++i) siblings.push_back("f" + std::to_string(i) + "/x.onnx");
  const Files kept = SelectEvidenceFiles(siblings);
  // One shard, 8 of the 20 gguf names, and one onnx: f0/x.onnx .. f59/x.onnx are one family.
  REQUIRE(kept.size() == 2 + kFilesPerKind);
  CHECK(kept.back() == "f0/x.onnx");
  CHECK(kept[0] == "model-00001-of-00059.safetensors");
  CHECK(kept[1] == "qa.gguf");
  CHECK(kept[8] == "qh.gguf");

  Files many;
  for (const char* ext : {"bin", "pt", "pth", "ckpt", "h5", "pb", "tflite", "onnx"})
    for (char c = 'a'; c < 'a' + 10; ++c) many.push_back(std::string(1, c) + "." + ext);
  CHECK(SelectEvidenceFiles(many).size() == kFilesPerRecord);
}

TEST_CASE("framework weight files and safetensors are told apart") {
  CHECK(IsFrameworkWeightFile("pytorch_model-00001-of-00002.bin"));
  CHECK(IsFrameworkWeightFile("unet/diffusion_pytorch_model.bin"));
  CHECK(IsFrameworkWeightFile("tf_model.h5"));
  CHECK(IsFrameworkWeightFile("saved_model.pb"));
  CHECK(IsFrameworkWeightFile("flax_model.msgpack"));
  CHECK(IsFrameworkWeightFile("exp/model.pth"));
  CHECK(!IsFrameworkWeightFile("openvino_model.bin"));
  CHECK(!IsFrameworkWeightFile("model.gguf"));
  CHECK(!IsFrameworkWeightFile("model.onnx"));
  CHECK(!IsFrameworkWeightFile("model.safetensors"));
  CHECK(IsSafetensors("adapters/Adapters.SafeTensors"));
  CHECK(!IsSafetensors("model.safetensors.index.json"));
}

TEST_CASE("a listing's siblings become files and files_listed, its sha attrs[sha]") {
  ParsedPage page;
  const char* body = R"([
    {"_id":"a1","id":"org/with-files","sha":"0123abcd","siblings":[{"rfilename":".gitattributes"},
      {"rfilename":"model.safetensors","size":12},{"rfilename":"config.json"}]},
    {"_id":"a2","id":"org/empty-list","siblings":[]},
    {"_id":"a3","id":"org/no-list","siblings":null},
    {"_id":"a4","id":"org/bad-sibling","siblings":[{"rfilename":7}]},
    {"_id":"a5","id":"org/bad-siblings","siblings":{"rfilename":"x.bin"}},
    {"_id":"a6","id":"org/bad-sha","sha":1}
  ])";
  REQUIRE(ParseModelsPage(body, page).ok());
  REQUIRE(page.records.size() == 3);
  CHECK(page.records[0].files == Files{"model.safetensors", "config.json"});
  CHECK(page.records[0].attrs.at("files_listed") == "true");
  CHECK(page.records[0].attrs.at("sha") == "0123abcd");
  CHECK(page.records[1].files.empty());
  CHECK(page.records[1].attrs.at("files_listed") == "true");
  CHECK(page.records[2].files.empty());
  CHECK(page.records[2].attrs.count("files_listed") == 0);
  REQUIRE(page.rejections.size() == 3);
  CHECK(page.rejections[0].reason == "'siblings[].rfilename' is a number, expected a string");
  CHECK(page.rejections[1].reason == "'siblings' is a object, expected an array");
  CHECK(page.rejections[2].reason == "'sha' is a number, expected a string");
}
