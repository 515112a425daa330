#include "hf_files.hpp"

#include <map>
#include <set>

namespace mltrend::hf {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

//! The lower-case extension after the last '.', "" when none.
std::string Extension(std::string_view path) {
  const std::string_view base = BaseName(path);
  const size_t dot = base.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string() : Lower(base.substr(dot + 1));
}

bool InMlPackage(std::string_view path) {
  const std::string lower = Lower(path);
  return lower.find(".mlpackage/") != std::string::npos;
}

//! `path` with each run of digits read as one '#': a shard family's key.
std::string ShardFamily(std::string_view path) {
  std::string out;
  for (char c : path) {
    const bool digit = c >= '0' && c <= '9';
    if (!digit) out += c;
    else if (out.empty() || out.back() != '#') out += '#';
  }
  return out;
}

}  // namespace

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string EvidenceKind(std::string_view path) {
  static const std::set<std::string, std::less<>> kWeightExtensions = {
      "bin",   "pt",      "pth",       "ckpt",     "h5",     "hdf5",   "pb",  "tflite", "msgpack",
      "keras", "gguf",    "ggml",      "onnx",     "mlmodel", "safetensors", "nemo", "pdparams", "params",
      "joblib", "pkl",    "pickle",    "npz",      "ot",     "llamafile", "engine", "pte"};
  static const std::set<std::string, std::less<>> kConfigNames = {
      "adapter_config.json", "model_index.json", "config.json", "params.json", "hyperparams.yaml",
      "config_sentence_transformers.json", "modules.json"};
  if (InMlPackage(path)) return "mlpackage";
  const std::string base = Lower(BaseName(path));
  if (kConfigNames.count(base)) return base;
  if (base.ends_with(".index.json")) return "index.json";
  const std::string ext = Extension(path);
  if (ext == "xml") return base == "openvino_model.xml" ? ext : std::string();
  if (kWeightExtensions.count(ext)) return ext;
  return {};
}

std::vector<std::string> SelectEvidenceFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  std::set<std::string> families;
  std::map<std::string, size_t> per_kind;
  for (const std::string& path : paths) {
    if (out.size() >= kFilesPerRecord) break;
    const std::string kind = EvidenceKind(path);
    if (kind.empty()) continue;
    if (!families.insert(ShardFamily(path)).second) continue;
    size_t& count = per_kind[kind];
    if (count >= kFilesPerKind) continue;
    ++count;
    out.push_back(path);
  }
  return out;
}

bool IsSafetensors(std::string_view path) { return Extension(path) == "safetensors"; }

bool IsFrameworkWeightFile(std::string_view path) {
  const std::string base = Lower(BaseName(path));
  const std::string ext = Extension(path);
  if (ext == "pt" || ext == "pth" || ext == "ckpt" || ext == "h5" || ext == "hdf5" || ext == "tflite" ||
      ext == "keras" || ext == "pdparams" || ext == "nemo")
    return true;
  if (ext == "bin") return base.starts_with("pytorch_model") || base.starts_with("diffusion_pytorch_model");
  if (ext == "msgpack") return base.starts_with("flax_model");
  return base == "saved_model.pb";
}

}  // namespace mltrend::hf
