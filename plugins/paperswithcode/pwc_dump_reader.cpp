#include "pwc_dump_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace mltrend::pwc {

Status DumpReader::Feed(std::string_view raw) {
  return decoder_.Feed(raw, [this](std::string_view text) { return scanner_.Feed(text, on_object_); });
}

Status DumpReader::Finish() {
  if (Status s = decoder_.Finish([this](std::string_view text) { return scanner_.Feed(text, on_object_); }); !s.ok())
    return s;
  return scanner_.Finish();
}

Status ReadFileChunks(const std::filesystem::path& file, const CancelToken& cancel,
                      const std::function<Status(std::string_view)>& chunk) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + file.string() + ": " + std::strerror(errno));
  std::vector<char> buffer(64 * 1024);
  while (in) {
    if (cancel.Cancelled()) return Status::Cancelled("reading " + file.string() + " was cancelled");
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    if (Status s = chunk(std::string_view(buffer.data(), static_cast<size_t>(got))); !s.ok()) return s;
  }
  if (in.bad()) return Status::IoError("cannot read " + file.string());
  return Status::Ok();
}

namespace {

void Fnv1a(uint64_t& h, const char* data, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 1099511628211ULL;
  }
}

std::string Hex(uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 0xf];
  return out;
}

}  // namespace

Status FileFingerprint(const std::filesystem::path& file, std::string& out) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return Status::IoError("cannot stat " + file.string() + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return Status::Invalid(file.string() + " is not a regular file");
  const auto size = static_cast<uint64_t>(st.st_size);
  const int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  constexpr uint64_t kSpan = 1 << 20;
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + file.string() + ": " + std::strerror(errno));
  uint64_t h = 14695981039346656037ULL;
  std::vector<char> buffer(kSpan);
  in.read(buffer.data(), static_cast<std::streamsize>(std::min(size, kSpan)));
  Fnv1a(h, buffer.data(), static_cast<size_t>(in.gcount()));
  if (size > kSpan) {
    const uint64_t tail_start = size > 2 * kSpan ? size - kSpan : kSpan;
    in.seekg(static_cast<std::streamoff>(tail_start));
    in.read(buffer.data(), static_cast<std::streamsize>(size - tail_start));
    Fnv1a(h, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status::IoError("cannot read " + file.string());
  out = "size=" + std::to_string(size) + " mtime=" + std::to_string(mtime_ns) + " head-tail=" + Hex(h);
  return Status::Ok();
}

}  // namespace mltrend::pwc
