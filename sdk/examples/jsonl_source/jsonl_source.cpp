//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — jsonl_source.cpp
//===----------------------------------------------------------------------===//
#include "jsonl_source.hpp"

#include <charconv>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include <mltrend/config_reader.hpp>

#include "jsonl_record.hpp"

namespace jsonl_example {
namespace {

namespace fs = std::filesystem;
using mltrend::Status;

//! The source-state key holding "<size>:<mtime>" of the file the current
//! (or last) read is about. Source state is per instance: two `[[source]]`
//! tables with this plugin never see each other's keys.
constexpr const char* kFileKey = "file";

//! Size and modification time: cheap, and changes whenever the file does
//! (short of someone restoring the mtime by hand).
Status Fingerprint(const fs::path& path, std::string& out) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError("cannot read " + path.string() + ": " + ec.message());
  const fs::file_time_type mtime = fs::last_write_time(path, ec);
  if (ec) return Status::IoError("cannot read " + path.string() + ": " + ec.message());
  out = std::to_string(size) + ":" + std::to_string(mtime.time_since_epoch().count());
  return Status::Ok();
}

bool ParseOffset(const std::string& text, uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Status JsonlSource::Validate(const mltrend::ConfigValues& values, std::string& bad_key) {
  // ConfigReader falls back to the table's defaults, so this also works on
  // the partial tables a unit test may pass.
  if (Status s = mltrend::CheckKeys(values, kJsonlKeys, bad_key); !s.ok()) return s;
  const mltrend::ConfigReader read(values, kJsonlKeys);
  std::error_code ec;
  if (fs::is_directory(read.String("path"), ec)) {
    bad_key = "path";
    return Status::Invalid("names a directory, not a JSON-lines file");
  }
  return Status::Ok();
}

Status JsonlSource::Run(mltrend::SourceContext& ctx) {
  // No exception may cross into the daemon: Guarded turns any into a Status.
  return mltrend::Guarded("jsonl source", [&] { return Read(ctx); });
}

Status JsonlSource::Read(mltrend::SourceContext& ctx) {
  const mltrend::ConfigReader read(ctx.Config(), kJsonlKeys);
  const fs::path path = read.String("path");  // already absolute: the daemon resolved it
  const size_t page_size = static_cast<size_t>(read.Int("page_size"));

  std::string fingerprint;
  if (Status s = Fingerprint(path, fingerprint); !s.ok()) return s;
  std::optional<std::string> stored;
  if (Status s = ctx.GetState(kFileKey, stored); !s.ok()) return s;
  const bool same_file = stored && *stored == fingerprint;

  // An empty checkpoint means the last read reached the end of the file.
  if (same_file && ctx.Checkpoint().empty()) {
    ctx.Log().Info(path.string() + " is unchanged since it was last read completely: nothing to do");
    return Status::Ok();
  }
  uint64_t offset = 0;
  if (same_file && !ParseOffset(ctx.Checkpoint(), offset)) {
    ctx.Log().Warn("checkpoint '" + ctx.Checkpoint() + "' is not a byte offset; reading from the start");
    offset = 0;
  } else if (!same_file && !ctx.Checkpoint().empty()) {
    ctx.Log().Info(path.string() + " changed since the interrupted read; reading it again from the start");
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path.string());
  in.seekg(static_cast<std::streamoff>(offset));
  const std::string size_text = fingerprint.substr(0, fingerprint.find(':'));

  mltrend::Page page;
  // Committed with the first page, atomically: from then on a checkpoint in
  // the store always belongs to the file version stored beside it.
  if (!same_file) page.state.emplace_back(kFileKey, fingerprint);
  size_t lines_in_page = 0;
  std::string line;
  mltrend::Record record;
  std::string id, why;
  while (true) {
    // Stopping drops only the page being built, which nothing has seen yet;
    // the next run resumes at the last committed checkpoint. (EmitPage also
    // refuses to commit once the run is cancelled.)
    if (ctx.Cancel().Cancelled()) return Status::Cancelled();
    const uint64_t line_start = offset;
    const bool got = static_cast<bool>(std::getline(in, line));
    if (got) {
      offset += line.size() + (in.eof() ? 0 : 1);  // the last line may lack its '\n'
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) {
        ++lines_in_page;
        if (ParseRecordLine(line, record, id, why)) {
          page.records.push_back(std::move(record));
        } else {
          // Counted in /v1/sources; the rest of the page still commits.
          ++page.rejected;
          ctx.Log().Warn("rejected the line at byte " + std::to_string(line_start) + " (id '" + id + "'): " + why);
        }
      }
    } else if (in.bad()) {
      return Status::IoError("read error in " + path.string() + " at byte " + std::to_string(offset));
    }
    const bool at_end = !got;
    if (!at_end && lines_in_page < page_size) continue;

    // A full page resumes after its last line; the final page says "done"
    // with an empty checkpoint (it may hold no records at all).
    page.checkpoint = at_end ? "" : std::to_string(offset);
    if (Status s = ctx.EmitPage(std::move(page)); !s.ok()) return s;
    mltrend::SourceProgress progress;
    progress.checkpoint_summary = "byte " + std::to_string(offset) + " of " + size_text;
    progress.phase = at_end ? "done" : "reading";
    ctx.ReportProgress(progress);
    if (at_end) return Status::Ok();
    page = mltrend::Page{};
    lines_in_page = 0;
  }
}

}  // namespace jsonl_example
