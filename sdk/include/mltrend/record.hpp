//===----------------------------------------------------------------------===//
// mltrend SDK — record.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mltrend {

//! One model, repository or paper-code link as its source described it.
//! Sources store what the source said (raw evidence); frameworks are derived
//! late, by sinks applying a rules file, so a rules change never refetches.
struct Record {
  //! The source's immutable id (HF `_id`, GitHub numeric id, PwC paper+repo).
  //! With the source's configured name it forms the store key: a rename
  //! updates the record, it never duplicates it.
  std::string id;
  //! The current human-readable name (HF `id`, GitHub `full_name`); may change.
  std::string name;
  //! The record's own date (ISO-8601, e.g. HF `createdAt`), the cohort axis.
  //! Empty means undated: the record falls into period "undated".
  std::string date;
  //! When non-empty, the cohort period used for every bucket size instead of
  //! one derived from `date` (HF models at the createdAt floor: "pre-2022-03").
  std::string period_override;

  //! Framework evidence, matched case-insensitively by the rules file.
  std::vector<std::string> tags;           //!< HF tags
  std::vector<std::string> library_names;  //!< HF library_name, split on commas
  std::vector<std::string> topics;         //!< GitHub topics
  std::vector<std::string> declared;       //!< a framework the source states (PwC `framework`)
  //! Evidence file names in the record's repository (HF `siblings`), only
  //! those that say something about a framework or format (weights, configs
  //! of known libraries), bounded per record by the source; paths kept as
  //! the source gave them ("unet/diffusion_pytorch_model.bin").
  std::vector<std::string> files;
  //! Formats written inside weight files by the framework that saved them:
  //! a safetensors header's `__metadata__.format` ("pt", "tf", "flax",
  //! "mlx", ...). Empty when no header was read or none named a format;
  //! attrs["safetensors_header"] says whether one was read.
  std::vector<std::string> header_formats;

  //! Numeric attributes usable as weights: "downloads", "likes", "stars".
  std::map<std::string, int64_t> metrics;
  //! Other raw attributes kept for queries and filters: "pipeline_tag",
  //! "library_name", "lastModified", "createdAt", ...
  std::map<std::string, std::string> attrs;

  bool operator==(const Record&) const = default;
};

}  // namespace mltrend
