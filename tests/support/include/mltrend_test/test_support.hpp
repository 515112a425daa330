//===----------------------------------------------------------------------===//
// tests — test_support.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <string>

namespace mltrend_test {

//! A fresh directory under the system temp dir, removed with its contents
//! when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

//! `tests/fixtures/<relative>` in the source tree ($MLTREND_SOURCE_DIR, else the configured one).
std::filesystem::path FixturePath(const std::string& relative);
//! `<build>/<relative>` ($MLTREND_BUILD_DIR, else the configured one): built plugins, binaries,
//! generated fixtures.
std::filesystem::path BuildPath(const std::string& relative);
//! The whole content of a file; throws when it cannot be read.
std::string ReadFile(const std::filesystem::path& file);
//! `text` with every occurrence of `from` replaced by `to` (left to right,
//! never inside a replacement).
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to);
void WriteFile(const std::filesystem::path& file, const std::string& content);
//! Decompresses a .gz file (via zlib-compatible gzip framing) into a string.
std::string ReadGzipFile(const std::filesystem::path& file);

}  // namespace mltrend_test
