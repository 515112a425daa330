//===----------------------------------------------------------------------===//
// framework_share — share_file_glob.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mltrend::share {

//! A set of file-name glob patterns (fnmatch: `*`, `?`, `[...]`), matched
//! case-insensitively against repository paths. A pattern holding '/'
//! matches the whole path ('*' may then span directories); any other
//! pattern matches the path's base name ("pytorch_model*.bin" matches
//! "text_encoder/pytorch_model.bin").
//!
//! Cost: patterns are bucketed by the literal extension they end in, so a
//! path is tried only against the patterns of its own extension and those
//! ending in a wildcard; a record's few dozen files against the rules' few
//! dozen patterns cost a handful of fnmatch calls, not their product.
class FileGlobs {
 public:
  //! Adds `pattern` (already lower-cased) under `id`, returned by Match.
  void Add(std::string pattern, size_t id);
  bool Empty() const { return count_ == 0; }
  //! Calls `found(id)` for every pattern matching `path` (any case).
  template <typename F>
  void Match(std::string_view path, F&& found) const {
    std::string lower;
    std::string_view base, ext;
    Split(path, lower, base, ext);
    if (auto it = by_extension_.find(std::string(ext)); it != by_extension_.end())
      for (const Entry& e : it->second)
        if (Matches(e, lower, base)) found(e.id);
    for (const Entry& e : any_extension_)
      if (Matches(e, lower, base)) found(e.id);
  }

 private:
  struct Entry {
    std::string pattern;
    bool whole_path = false;
    size_t id = 0;
  };
  //! Lower-cases `path` into `lower`; `base` and `ext` view into it.
  static void Split(std::string_view path, std::string& lower, std::string_view& base, std::string_view& ext);
  static bool Matches(const Entry& entry, const std::string& lower, std::string_view base);

  std::unordered_map<std::string, std::vector<Entry>> by_extension_;
  std::vector<Entry> any_extension_;
  size_t count_ = 0;
};

}  // namespace mltrend::share
