//===----------------------------------------------------------------------===//
// mltrendd — plugin/file_trust.hpp
//===----------------------------------------------------------------------===//
// Whether a plugin file may be loaded at all, judged from the file system
// alone: loading a library runs its code with the daemon's privileges.
#pragma once

#include <filesystem>

#include "mltrend/status.hpp"

namespace mltrendd::plugin_detail {

//! Ok when `file` (a path as the user gave it) resolves to a regular file
//! that nobody but root or the daemon's own user could have written: the
//! file and the directory holding it (before and after resolving symlinks)
//! are not world-writable and are owned by root or our effective uid.
//! Sets `resolved` to the canonical path to load.
mltrend::Status CheckTrustedFile(const std::filesystem::path& file, std::filesystem::path& resolved);

}  // namespace mltrendd::plugin_detail
