//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_files.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mltrend::hf {

//! At most this many evidence files of one kind (extension, or config name)
//! per record, and this many in all: a repository with 400 shards stores a
//! handful of names, never its whole tree.
inline constexpr size_t kFilesPerKind = 8;
inline constexpr size_t kFilesPerRecord = 48;

//! The kind of evidence `path` (a repository path as the Hub's `siblings`
//! give it, e.g. "unet/diffusion_pytorch_model.bin") is, or "" when it is
//! none. Weight and model files by extension: bin pt pth ckpt h5 hdf5 pb
//! tflite msgpack keras gguf ggml onnx mlmodel safetensors nemo pdparams
//! params joblib pkl pickle npz ot llamafile engine pte; any file inside a
//! `*.mlpackage/` folder ("mlpackage"); `openvino_model.xml` only of the
//! .xml files ("xml"); index files of sharded weights (`*.index.json`,
//! "index.json"). Library configs by file name, any folder:
//! adapter_config.json (PEFT), model_index.json (diffusers), config.json,
//! params.json (Mistral native), hyperparams.yaml (SpeechBrain),
//! config_sentence_transformers.json, modules.json. The extension test is
//! case-insensitive.
std::string EvidenceKind(std::string_view path);

//! The evidence files among `paths`, in their order: EvidenceKind not "",
//! then one name per shard family (names equal after every run of digits
//! is read as one digit: "model-00002-of-00030.safetensors" is dropped
//! after "model-00001-of-00030.safetensors"), then at most kFilesPerKind of
//! a kind and kFilesPerRecord in all.
std::vector<std::string> SelectEvidenceFiles(const std::vector<std::string>& paths);

//! The last '/'-separated segment of a repository path.
std::string_view BaseName(std::string_view path);

//! Whether `path` is a safetensors file (by extension, case-insensitive).
bool IsSafetensors(std::string_view path);

//! Whether `path` is a weight file that only one framework writes (and no
//! format such as gguf or onnx): pytorch_model*.bin,
//! diffusion_pytorch_model*.bin, *.pt, *.pth, *.ckpt, tf_model*.h5, *.h5,
//! *.hdf5, saved_model.pb, *.tflite, flax_model*.msgpack, *.keras,
//! *.pdparams, *.nemo. Such a file already tells the framework, so no
//! safetensors header is read for its record.
bool IsFrameworkWeightFile(std::string_view path);

}  // namespace mltrend::hf
