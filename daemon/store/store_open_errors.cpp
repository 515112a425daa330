//===----------------------------------------------------------------------===//
// mltrendd — store/store_open_errors.cpp
//===----------------------------------------------------------------------===//
// What a refusal to open a damaged store says: which file, and what to do.
// RocksDB's own message often names no file (a garbled WAL record comes
// back as "Corruption: checksum mismatch"), so the file is found here: a
// CURRENT that names no MANIFEST, the WAL that RocksDB's recovery logged as
// dropping bytes, or a path inside state_dir in RocksDB's message.
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

#include "store_impl.hpp"

namespace mltrendd {

namespace {

//! What to do, the same for every damaged file.
constexpr const char* kWhatToDo =
    " No store file was changed. Restore state_dir from a backup and check it with `mltrendd --verify`, or move "
    "state_dir aside to start an empty store that the sources refill from the beginning.";

//! The MANIFEST that CURRENT names, or "" when CURRENT is unreadable, not
//! "MANIFEST-<digits>\n" or names a file that does not exist.
std::string ManifestOf(const std::filesystem::path& dir) {
  std::ifstream in(dir / "CURRENT", std::ios::binary);
  if (!in) return "";
  std::stringstream text;
  text << in.rdbuf();
  std::string name = text.str();
  if (name.size() < 11 || name.back() != '\n' || name.compare(0, 9, "MANIFEST-") != 0) return "";
  name.pop_back();
  for (size_t i = 9; i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return "";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / name, ec)) return "";
  return name;
}

//! The first path inside `dir` that `message` names ("" when none).
std::string PathIn(const std::filesystem::path& dir, const std::string& message) {
  const std::string prefix = dir.string() + "/";
  const size_t at = message.find(prefix);
  if (at == std::string::npos) return "";
  size_t end = at + prefix.size();
  while (end < message.size() && message[end] != ' ' && message[end] != ':' && message[end] != ',' &&
         message[end] != '\n')
    ++end;
  return message.substr(at, end - at);
}

bool IsStoreFile(const std::string& name) {
  auto ends = [&](std::string_view tail) {
    return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  return name.compare(0, 9, "MANIFEST-") == 0 || ends(".sst") || ends(".log");
}

}  // namespace

Status CheckStoreFiles(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir / "CURRENT", ec)) return Status::Ok();
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!IsStoreFile(name)) continue;
    return Status::IoError("state_dir " + dir.string() + " is damaged and was not opened: " +
                           (dir / "CURRENT").string() + " is missing but store files such as " +
                           entry.path().string() + " are there (opening would start an empty store over them)." +
                           kWhatToDo);
  }
  return Status::Ok();
}

Status DamagedStore(const std::filesystem::path& dir, const rocksdb::Status& s, const std::string& wal_corruption) {
  const std::string rocks = s.ToString();
  std::string file;
  std::string problem;
  if (ManifestOf(dir).empty()) {
    file = (dir / "CURRENT").string();
    problem = "does not name an existing MANIFEST file";
  } else if (!wal_corruption.empty()) {
    file = PathIn(dir, wal_corruption);
    problem = "has a damaged record before its end (a torn last record alone would be accepted): " + wal_corruption;
  } else if (std::string path = PathIn(dir, rocks); !path.empty()) {
    file = path;
    problem = "is damaged";
  } else {
    file = (dir / ManifestOf(dir)).string();
    problem = "or a file it lists is damaged";
  }
  return Status::IoError("state_dir " + dir.string() + " is damaged and was not opened: " + file + " " + problem +
                         " (RocksDB: " + rocks + ")." + kWhatToDo);
}

}  // namespace mltrendd
