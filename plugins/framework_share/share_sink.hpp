//===----------------------------------------------------------------------===//
// framework_share — share_sink.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "share_answer_cache.hpp"
#include "share_base_filter.hpp"
#include "share_cell_table.hpp"
#include "share_classifier.hpp"
#include "share_observations.hpp"
#include "share_rules.hpp"
#include "mltrend/config.hpp"
#include "mltrend/sink.hpp"

namespace mltrend::share {

//! The framework-share sink: folds the change log into per-(source, month)
//! cells of framework counts and, beside them, per-(source, month, task,
//! library) slices for the filters; keeps dated snapshots per source for the
//! observed axis under a daily-then-weekly retention; answers
//! `GET /v1/trends` and `GET /v1/rules`. All cells live in memory and in the
//! sink's state, written back with the cursor after every chunk of changes.
class FrameworkShareSink final : public mltrend::Sink {
 public:
  //! Returns "today" (UTC) for observed snapshots.
  using Today = std::function<std::chrono::sys_days()>;
  //! Knobs the plugin factory leaves at their defaults and tests turn.
  struct Options {
    Today today;         //!< empty: the system clock's UTC date
    size_t chunk = 2000;  //!< changes read and committed per fold step
    //! Lineage node puts per commit of a full recompute: small beside the
    //! memtable budget, large enough that the commits' own cost is noise.
    size_t recompute_batch = 50000;
  };

  FrameworkShareSink();
  explicit FrameworkShareSink(Options options);

  //! The plugin's validate hook, run at config load: history_days must be at
  //! least 1, history_daily_days between 0 and history_days, and the rules
  //! file must load and classify, as Open requires.
  //! Reads only the rules file.
  static mltrend::Status Validate(const mltrend::ConfigValues& config, std::string& bad_key);

  //! Loads the rules and the state; recomputes every cell from the store
  //! when there is no state or it was computed with other rules/options.
  mltrend::Status Open(mltrend::SinkContext& ctx) override;
  //! Folds every change after the cursor, one committed chunk at a time,
  //! then writes today's observed snapshot and prunes old ones.
  mltrend::Status Fold(mltrend::SinkContext& ctx) override;
  std::vector<std::string> Routes() const override {
    return {"/v1/trends", "/v1/rules", "/v1/explain", "/v1/coverage"};
  }
  mltrend::Status Query(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) override;
  //! Routes() in OpenAPI 3 (openapi.cpp): parameters, enums, response schemas.
  std::string OpenApiPaths() const override;

  //! A copy of the cohort cells, for comparing two sinks in tests.
  CellTable Cells() const;
  //! A copy of the sliced cells (labels are SliceLabel), likewise.
  CellTable Slices() const;

 private:
  mltrend::Status DoOpen(mltrend::SinkContext& ctx);
  mltrend::Status DoFold(mltrend::SinkContext& ctx);
  void DoQuery(const mltrend::QueryRequest& request, mltrend::QueryResponse& response);
  //! `/v1/trends`, under the lock.
  void QueryTrends(const mltrend::QueryRequest& request, mltrend::QueryResponse& response);
  //! `/v1/explain` and `/v1/coverage` (explain.cpp, coverage.cpp), under the lock.
  void QueryExplain(const mltrend::QueryRequest& request, mltrend::QueryResponse& response);
  void QueryCoverage(const mltrend::QueryRequest& request, mltrend::QueryResponse& response);
  //! Folds one chunk of changes into the cells and nodes, commits them with
  //! the cursor; on failure the cells are back at what the store holds.
  mltrend::Status FoldChunk(mltrend::SinkContext& ctx, const std::vector<mltrend::Change>& changes);
  //! Reads cells and snapshots back; `current` is false when the stored
  //! cells do not belong to the present fingerprint (or cannot be read).
  mltrend::Status LoadState(mltrend::SinkContext& ctx, bool& current);
  mltrend::Status Recompute(mltrend::SinkContext& ctx);
  mltrend::Status RecordObservations(mltrend::SinkContext& ctx);
  //! Configured sources and those with cells; `with_history` adds sources
  //! known only from observed snapshots (e.g. removed from the config).
  std::vector<std::string> KnownSources(bool with_history) const;

  Today today_;
  size_t chunk_;
  size_t recompute_batch_;
  // Set by Open, read-only afterwards (Open is never concurrent with Fold/Query use).
  Rules rules_;
  Classifier classifier_;
  bool official_only_ = false;
  int64_t history_days_ = 730;
  int64_t history_daily_days_ = 90;
  std::string sink_name_;
  std::string fingerprint_;
  std::vector<std::string> configured_;
  //! The context Open was given: explain reads records and nodes through it
  //! (it lives as long as the sink).
  mltrend::SinkContext* ctx_ = nullptr;

  //! Guards what Query reads while Fold writes it.
  mutable std::mutex mutex_;
  //! Rendered aggregate answers; every change of what they read calls
  //! Invalidate under mutex_.
  AnswerCache answers_;
  bool opened_ = false;
  CellTable cells_;
  CellTable slices_{kSlicePrefix};
  //! The bases with lineage edges, for the fold; Reset wherever the state
  //! is rewritten (open, recompute).
  BaseFilter bases_;
  ObservationLog observations_;
};

}  // namespace mltrend::share
