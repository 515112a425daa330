//===----------------------------------------------------------------------===//
// mltrendd tests — plugin/tests/plugin_test_support.hpp
//===----------------------------------------------------------------------===//
// The loader tests work on copies of the built test plugins in a private
// directory, so they can chmod and chown them freely.
#pragma once

#include <dlfcn.h>

#include <filesystem>
#include <string>

#include "mltrend_test/test_support.hpp"

namespace plugin_test {

namespace fs = std::filesystem;

//! A TempDir that is only ours (0700) whatever the umask, as a real plugin
//! directory would be.
class PluginDir {
 public:
  PluginDir() { fs::permissions(dir_.path(), fs::perms::owner_all, fs::perm_options::replace); }
  //! The canonical path: the loader reports canonical directories.
  fs::path path() const { return fs::canonical(dir_.path()); }

  //! Copies the built `libmltrend_<plugin>.so` here, named `as` if given.
  fs::path Copy(const std::string& plugin, const std::string& as = "") const {
    const fs::path from = mltrend_test::BuildPath("test-plugins/libmltrend_" + plugin + ".so");
    const fs::path to = path() / (as.empty() ? from.filename().string() : as);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    fs::permissions(to, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::replace);
    return to;
  }

 private:
  mltrend_test::TempDir dir_;
};

//! Whether the dynamic linker still has `file` mapped (without loading it).
inline bool IsLoaded(const fs::path& file) {
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (!handle) return false;
  ::dlclose(handle);
  return true;
}

}  // namespace plugin_test
