//===----------------------------------------------------------------------===//
// framework_share — share_file_glob.cpp
//===----------------------------------------------------------------------===//
#include "share_file_glob.hpp"

#include <fnmatch.h>

#include "share_text.hpp"

namespace mltrend::share {
namespace {

// The text after the last '.' of the last path component; "" when none.
std::string_view ExtensionOf(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
}

}  // namespace

void FileGlobs::Add(std::string pattern, size_t id) {
  Entry entry{std::move(pattern), false, id};
  entry.whole_path = entry.pattern.find('/') != std::string::npos;
  const std::string_view ext = ExtensionOf(entry.pattern);
  // A pattern whose tail after the last '.' is not literal (or which has no
  // '.') may match any extension.
  const bool literal = !ext.empty() && ext.find_first_of("*?[/\\") == std::string_view::npos;
  ++count_;
  if (literal) by_extension_[std::string(ext)].push_back(std::move(entry));
  else any_extension_.push_back(std::move(entry));
}

void FileGlobs::Split(std::string_view path, std::string& lower, std::string_view& base, std::string_view& ext) {
  lower.assign(path);
  AsciiLowerInPlace(lower);
  base = lower;
  if (const size_t slash = base.rfind('/'); slash != std::string_view::npos) base.remove_prefix(slash + 1);
  ext = ExtensionOf(base);
}

bool FileGlobs::Matches(const Entry& entry, const std::string& lower, std::string_view base) {
  // `base` is a suffix of `lower`, so its data is NUL-terminated.
  const char* subject = entry.whole_path ? lower.c_str() : base.data();
  return fnmatch(entry.pattern.c_str(), subject, 0) == 0;
}

}  // namespace mltrend::share
