//===----------------------------------------------------------------------===//
// tests — small_volume.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "mltrend_test/test_support.hpp"

namespace mltrend_test {

//! The exit status ctest reads as "skipped" (SKIP_RETURN_CODE of the tests
//! that need a SmallVolume).
inline constexpr int kSkipExitCode = 77;

//! A tmpfs of `bytes` mounted on a fresh temp dir, for filling a volume up
//! for real; unmounted (lazily) and removed on destruction. Mounting needs
//! root or CAP_SYS_ADMIN: when the mount is refused the constructor prints
//! why and exits the test process with kSkipExitCode, so the test is
//! reported skipped, never passed.
class SmallVolume {
 public:
  explicit SmallVolume(uint64_t bytes);
  ~SmallVolume();
  SmallVolume(const SmallVolume&) = delete;
  SmallVolume& operator=(const SmallVolume&) = delete;
  const std::filesystem::path& path() const { return dir_.path(); }
  std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }

  //! Writes `file` (on the volume) until the volume has no space left;
  //! returns the bytes written. Throws when a write fails for another reason.
  uint64_t Fill(const std::filesystem::path& file) const;
  //! statvfs: bytes an unprivileged writer may still use on the volume.
  uint64_t FreeBytes() const;

 private:
  TempDir dir_;
};

}  // namespace mltrend_test
