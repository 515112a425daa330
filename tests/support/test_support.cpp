#include "mltrend_test/test_support.hpp"

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace mltrend_test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("mltrend-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

//! The environment wins (to point tests at another tree); otherwise the
//! directories this test support library was configured with.
static fs::path DirFromEnv(const char* var, const char* configured) {
  const char* value = std::getenv(var);
  return (value && *value) ? fs::path(value) : fs::path(configured);
}

fs::path FixturePath(const std::string& relative) {
  return DirFromEnv("MLTREND_SOURCE_DIR", MLTREND_CONFIGURED_SOURCE_DIR) / "tests/fixtures" / relative;
}
fs::path BuildPath(const std::string& relative) {
  return DirFromEnv("MLTREND_BUILD_DIR", MLTREND_CONFIGURED_BUILD_DIR) / relative;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string ReadGzipFile(const fs::path& file) {
  gzFile gz = gzopen(file.c_str(), "rb");
  if (!gz) throw std::runtime_error("cannot open " + file.string());
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  bool failed = n < 0;
  gzclose(gz);
  if (failed) throw std::runtime_error("corrupt gzip file " + file.string());
  return out;
}

}  // namespace mltrend_test
