//===----------------------------------------------------------------------===//
// mltrendd — plugin/file_trust.cpp
//===----------------------------------------------------------------------===//

#include "file_trust.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace mltrendd::plugin_detail {
namespace {

namespace fs = std::filesystem;

std::string Mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

//! `what` is "is" for the file itself, "is in directory <dir>, which is" for
//! its directory, so both read as one sentence about the plugin.
mltrend::Status CheckOne(const fs::path& shown, const fs::path& path, const std::string& what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    return mltrend::Status::IoError("plugin " + shown.string() + ": cannot stat " + path.string() + ": " +
                                    std::strerror(err));
  }
  if (st.st_mode & S_IWOTH) {
    return mltrend::Status::Invalid("plugin " + shown.string() + " " + what + " world-writable (mode " +
                                    Mode(st.st_mode) + "): refusing to load it");
  }
  const uid_t self = ::geteuid();
  if (st.st_uid != 0 && st.st_uid != self) {
    return mltrend::Status::Invalid("plugin " + shown.string() + " " + what + " owned by uid " +
                                    std::to_string(st.st_uid) + ", neither root nor mltrendd's uid " +
                                    std::to_string(self) + ": refusing to load it");
  }
  return mltrend::Status::Ok();
}

}  // namespace

mltrend::Status CheckTrustedFile(const fs::path& file, fs::path& resolved) {
  std::error_code ec;
  resolved = fs::canonical(file, ec);
  if (ec) return mltrend::Status::NotFound("plugin " + file.string() + " cannot be opened: " + ec.message());
  if (!fs::is_regular_file(resolved, ec)) {
    return mltrend::Status::Invalid("plugin " + file.string() + " is not a regular file");
  }
  if (mltrend::Status s = CheckOne(file, resolved, "is"); !s.ok()) return s;
  const fs::path dir = resolved.parent_path();
  if (mltrend::Status s = CheckOne(file, dir, "is in directory " + dir.string() + ", which is"); !s.ok()) return s;
  // Whoever can write the directory holding a symlink can point it elsewhere.
  const fs::path link_dir = fs::canonical(fs::absolute(file).parent_path(), ec);
  if (!ec && link_dir != dir) {
    if (mltrend::Status s = CheckOne(file, link_dir, "is in directory " + link_dir.string() + ", which is"); !s.ok()) {
      return s;
    }
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd::plugin_detail
