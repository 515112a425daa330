//===----------------------------------------------------------------------===//
// mltrend SDK — source.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mltrend/cancel.hpp"
#include "mltrend/config.hpp"
#include "mltrend/http.hpp"
#include "mltrend/log.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend {

//! One page of a crawl: what to upsert, and the checkpoint that is true once
//! these records are stored. The daemon commits the records, their
//! change-log entries and the checkpoint in one RocksDB WriteBatch.
struct Page {
  std::vector<Record> records;
  //! Opaque to the daemon; handed back by SourceContext::Checkpoint() on the
  //! next run, including after a crash. Typically "where to continue".
  std::string checkpoint;
  //! Records that failed validation on this page (logged by the source with
  //! their id); counted in `/v1/sources`, the rest of the page still commits.
  size_t rejected = 0;
  //! The source's own key/value state to change with this page, in the same
  //! WriteBatch (GitHub's ETag per request URL, a dump's fingerprint): a
  //! value stores it, std::nullopt erases it. Read back by
  //! SourceContext::GetState, on this run and every later one.
  std::vector<std::pair<std::string, std::optional<std::string>>> state;
};

//! Figures a source reports while it runs, shown by `/v1/sources`.
struct SourceProgress {
  std::string checkpoint_summary;  //!< the checkpoint in words ("page 12, cursor …")
  long rate_limit_remaining = -1;  //!< -1 when unknown
  long rate_limit_reset_epoch = 0;
  long rate_limit_limit = -1;       //!< the window's size, -1 when unknown
  std::string rate_limit_resource;  //!< which budget ("search", "core", "api"); "" when one
  std::string phase;                //!< what the run does now ("full crawl", "refresh", "waiting for reset")
};

//! Everything a source may touch while it runs. Owned by the daemon; valid
//! for the duration of one Source::Run call.
class SourceContext {
 public:
  virtual ~SourceContext() = default;

  //! This instance's `[[source]]` table, validated against the plugin's own
  //! keys (which declare `base_url` with the real host as default), plus
  //! "name", the instance's configured name.
  virtual const ConfigValues& Config() const = 0;
  //! The daemon's HTTP client, bound to this run's cancellation token.
  virtual HttpClient& Http() = 0;
  //! The checkpoint of the last committed page ("" before the first page
  //! ever committed, and after a page committed an empty checkpoint).
  virtual const std::string& Checkpoint() const = 0;
  virtual const CancelToken& Cancel() const = 0;
  virtual Logger& Log() = 0;
  //! Commits the page atomically (records + change log + checkpoint), then
  //! updates Checkpoint(). On failure nothing of the page is stored. Returns
  //! Status::Cancelled without committing when the run was cancelled.
  virtual Status EmitPage(Page page) = 0;
  //! A value this source stored through Page::state; nullopt when absent.
  //! Non-ok only when the store cannot be read.
  virtual Status GetState(std::string_view key, std::optional<std::string>& value) = 0;
  //! Visits this source's state keys starting with `prefix`, in bytewise key
  //! order, until `visit` returns false (a work queue read in priority order,
  //! e.g. by inverted downloads). Non-ok only when the store cannot be read.
  //! Costs one iterator seek plus one step per key visited.
  virtual Status ScanState(std::string_view prefix,
                           const std::function<bool(std::string_view key, std::string_view value)>& visit) = 0;
  //! Updates the figures `/v1/sources` shows; cheap, call as often as useful.
  virtual void ReportProgress(const SourceProgress& progress) = 0;
  //! The value of an environment secret (HF_TOKEN, GITHUB_TOKEN), read from
  //! the environment or $CREDENTIALS_DIRECTORY; empty when absent. Never log it.
  virtual std::string Secret(const std::string& name) const = 0;
};

//! A source plugin: pulls records from one service. One Run at a time per
//! configured instance; different instances may run concurrently.
class Source {
 public:
  virtual ~Source() = default;
  //! One crawl, resuming from ctx.Checkpoint(). Emits pages as it goes.
  //! Returns Ok when the crawl reached its end; an error otherwise (the
  //! pages emitted before the error stay committed; the scheduler backs off
  //! and the next run resumes from the last checkpoint).
  virtual Status Run(SourceContext& ctx) = 0;
};

}  // namespace mltrend
