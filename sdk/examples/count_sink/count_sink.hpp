//===----------------------------------------------------------------------===//
// mltrend SDK example: count_sink — count_sink.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <mltrend/config.hpp>
#include <mltrend/sink.hpp>
#include <mltrend/status.hpp>

namespace count_example {

//! The keys a `[[sink]] plugin = "count"` table accepts (the daemon adds "name").
inline constexpr mltrend::ConfigKey kCountKeys[] = {
    mltrend::ConfigKey{"chunk", mltrend::ConfigType::kInt, "1000",
     "changes read and committed per step; each step writes the counts it touched together with the cursor"}
        .AtLeast(1),
};

//! A sink that counts stored records per source and per month of their
//! `date` ("undated" when they have none), and answers
//! `GET /v1/counts[?source=S]`.
//!
//! State: one key per (source, month), "count/<source>/<month>" -> decimal
//! count, plus "layout" marking the counts complete. Every fold step writes
//! the keys it changed and the new cursor in one commit, so after a crash
//! the counts and the cursor always agree.
class CountSink final : public mltrend::Sink {
 public:
  //! Called at config load: chunk must be at least 1.
  static mltrend::Status Validate(const mltrend::ConfigValues& values, std::string& bad_key);

  mltrend::Status Open(mltrend::SinkContext& ctx) override;
  mltrend::Status Fold(mltrend::SinkContext& ctx) override;
  std::vector<std::string> Routes() const override { return {"/v1/counts"}; }
  mltrend::Status Query(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) override;

 private:
  //! source -> month -> records
  using Counts = std::map<std::string, std::map<std::string, int64_t>>;

  mltrend::Status DoOpen(mltrend::SinkContext& ctx);
  mltrend::Status DoFold(mltrend::SinkContext& ctx);
  //! Loads the stored counts; `complete` is false when there are none yet.
  mltrend::Status Load(mltrend::SinkContext& ctx, bool& complete);
  //! Counts every stored record afresh and replaces the whole state.
  mltrend::Status Recompute(mltrend::SinkContext& ctx);
  void DoQuery(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) const;

  size_t chunk_ = 1000;  //!< set by Open, read by Fold: both on the daemon's fold thread

  //! Query runs on the query server's thread, concurrently with Open and
  //! Fold: everything below is read and written under this mutex.
  mutable std::mutex mutex_;
  bool opened_ = false;
  std::vector<std::string> sources_;  //!< the configured sources, in config order
  Counts counts_;
};

}  // namespace count_example
