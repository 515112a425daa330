//===----------------------------------------------------------------------===//
// mltrend SDK example: jsonl_source — jsonl_source.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include <mltrend/config.hpp>
#include <mltrend/source.hpp>
#include <mltrend/status.hpp>

namespace jsonl_example {

//! The keys a `[[source]] plugin = "jsonl"` table accepts, declared once: the
//! daemon parses, type-checks, defaults and documents (`mltrendd
//! --help-config`) from this table, and rejects keys it does not list. The
//! daemon adds "name" (the instance's name) itself. A network source would
//! also declare "base_url" with the real host as its default, so tests can
//! point it at the replay server.
inline constexpr mltrend::ConfigKey kJsonlKeys[] = {
    {"path", mltrend::ConfigType::kPath, nullptr,
     "the JSON-lines file to read, one record a line; a relative path is taken relative to the config file"},
    mltrend::ConfigKey{"page_size", mltrend::ConfigType::kInt, "500",
     "lines per committed page: the checkpoint moves this often, so a stopped run loses at most one page"}
        .AtLeast(1),
};

//! A source that reads records from a local JSON-lines file.
//!
//! Resuming: every page's checkpoint is the byte offset of the line after
//! it, so a run that stopped half way (SIGTERM, crash) continues there.
//! Skipping: the first page of a read also stores the file's size and mtime
//! (Page::state, committed with the page); when a later run finds the file
//! unchanged and the previous read complete, it emits nothing. A changed
//! file is read again from its start; records that did not change cost the
//! store a comparison and reach no sink.
class JsonlSource final : public mltrend::Source {
 public:
  //! Called by the daemon at config load, before any JsonlSource exists:
  //! refuses a page_size below 1 and a path that names a directory. A file
  //! that does not exist yet is fine; the run reports it.
  static mltrend::Status Validate(const mltrend::ConfigValues& values, std::string& bad_key);

  //! One read of the file, from ctx.Checkpoint() to its end.
  mltrend::Status Run(mltrend::SourceContext& ctx) override;

 private:
  mltrend::Status Read(mltrend::SourceContext& ctx);
};

}  // namespace jsonl_example
