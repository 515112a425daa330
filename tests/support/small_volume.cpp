#include "mltrend_test/small_volume.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace mltrend_test {

SmallVolume::SmallVolume(uint64_t bytes) {
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, options.c_str()) != 0) {
    const int err = errno;
    std::fprintf(stderr, "SKIPPED: cannot mount a %llu-byte tmpfs on %s: %s (this test fills a volume for real and "
                         "needs root or CAP_SYS_ADMIN)\n",
                 static_cast<unsigned long long>(bytes), dir_.path().c_str(), std::strerror(err));
    std::fflush(stderr);
    std::error_code ec;
    std::filesystem::remove(dir_.path(), ec);
    std::exit(kSkipExitCode);
  }
}

SmallVolume::~SmallVolume() { ::umount2(dir_.path().c_str(), MNT_DETACH); }

uint64_t SmallVolume::Fill(const std::filesystem::path& file) const {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  const std::vector<char> chunk(64 * 1024, 'f');
  uint64_t written = 0;
  size_t size = chunk.size();
  // Down to single bytes, so that not even a 4 KiB page is left over.
  while (size > 0) {
    const ssize_t n = ::write(fd, chunk.data(), size);
    if (n > 0) {
      written += static_cast<uint64_t>(n);
      continue;
    }
    const int err = errno;
    if (n < 0 && err != ENOSPC) {
      ::close(fd);
      throw std::runtime_error("cannot fill " + file.string() + ": " + std::strerror(err));
    }
    size /= 2;
  }
  ::close(fd);
  return written;
}

uint64_t SmallVolume::FreeBytes() const {
  struct statvfs st {};
  if (::statvfs(dir_.path().c_str(), &st) != 0) throw std::runtime_error("statvfs " + dir_.path().string());
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace mltrend_test
