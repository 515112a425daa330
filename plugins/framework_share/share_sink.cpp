//===----------------------------------------------------------------------===//
// framework_share — share_sink.cpp
//===----------------------------------------------------------------------===//
#include "share_sink.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <optional>
#include <utility>

#include "share_folder.hpp"
#include "share_node.hpp"
#include "share_rules_json.hpp"
#include "share_sink_config.hpp"
#include "share_slice.hpp"
#include "share_state_keys.hpp"
#include "share_trends_json.hpp"
#include "share_trends_query.hpp"
#include "mltrend/config_reader.hpp"

namespace mltrend::share {
namespace {

using mltrend::Status;

//! TEST HOOK: MLTREND_TEST_TODAY=YYYY-MM-DD pins the observed snapshots'
//! date, so that the crash tests compare a killed store with an uninterrupted
//! one even when the runs straddle midnight UTC. Unset or malformed: the
//! system clock's UTC date.
std::chrono::sys_days UtcToday() {
  static const std::optional<std::chrono::sys_days> pinned = [] {
    std::optional<std::chrono::sys_days> out;
    std::chrono::sys_days day;
    if (const char* text = std::getenv("MLTREND_TEST_TODAY"); text && ParseDate(text, day)) out = day;
    return out;
  }();
  return pinned ? *pinned : std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

// No exception may leave a plugin entry point: turn one into a Status.
template <typename F>
Status Guarded(const char* what, F&& body) {
  return mltrend::Guarded(std::string("framework_share ") + what, std::forward<F>(body));
}

//! The checks Open and Validate share. On failure `bad_key` names the key;
//! a rules error already names the file, line and column within it.
Status ReadConfig(const mltrend::ConfigValues& config, Rules& rules, Classifier& classifier, std::string& bad_key) {
  if (Status s = mltrend::CheckKeys(config, kConfigKeys, bad_key); !s.ok()) return s;
  const int64_t history_days = config.GetInt("history_days");
  const int64_t daily_days = config.GetInt("history_daily_days");
  if (daily_days > history_days) {
    bad_key = "history_daily_days";
    return Status::Invalid("must be between 0 and history_days (" + std::to_string(history_days) + "), got " +
                           std::to_string(daily_days));
  }
  Status s = LoadRules(config.GetString("rules"), rules);
  if (s.ok()) s = Classifier::Build(rules, classifier);
  if (!s.ok()) bad_key = "rules";
  return s;
}

}  // namespace

Status FrameworkShareSink::Validate(const mltrend::ConfigValues& config, std::string& bad_key) {
  return Guarded("config validation", [&] {
    Rules rules;
    Classifier classifier;
    return ReadConfig(config, rules, classifier, bad_key);
  });
}

FrameworkShareSink::FrameworkShareSink() : FrameworkShareSink(Options{}) {}
FrameworkShareSink::FrameworkShareSink(Options options)
    : today_(options.today ? std::move(options.today) : Today(UtcToday)), chunk_(std::max<size_t>(1, options.chunk)),
      recompute_batch_(std::max<size_t>(1, options.recompute_batch)) {}

Status FrameworkShareSink::Open(mltrend::SinkContext& ctx) {
  return Guarded("open", [&] { return DoOpen(ctx); });
}

Status FrameworkShareSink::Fold(mltrend::SinkContext& ctx) {
  return Guarded("fold", [&] { return DoFold(ctx); });
}

Status FrameworkShareSink::Query(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  return Guarded("query", [&] {
    DoQuery(request, response);
    return Status::Ok();
  });
}

CellTable FrameworkShareSink::Cells() const {
  std::lock_guard lock(mutex_);
  return cells_;
}

CellTable FrameworkShareSink::Slices() const {
  std::lock_guard lock(mutex_);
  return slices_;
}

Status FrameworkShareSink::DoOpen(mltrend::SinkContext& ctx) {
  {
    std::lock_guard lock(mutex_);
    opened_ = false;
    bases_.Reset();
    answers_.Invalidate();
  }
  const mltrend::ConfigValues& config = ctx.Config();
  Rules rules;
  Classifier classifier;
  std::string bad_key;
  Status s = ReadConfig(config, rules, classifier, bad_key);
  if (!s.ok()) return bad_key == "rules" ? s : Status(s.code(), bad_key + ": " + s.message());
  {
    std::lock_guard lock(mutex_);
    official_only_ = config.GetBool("official_only");
    history_days_ = config.GetInt("history_days");
    history_daily_days_ = config.GetInt("history_daily_days");
    sink_name_ = config.Has("name") ? config.GetString("name") : std::string();
    fingerprint_ = Fingerprint(rules, official_only_);
    rules_ = std::move(rules);
    classifier_ = std::move(classifier);
    configured_ = ctx.SourceNames();
    ctx_ = &ctx;
    answers_.Invalidate();
  }
  bool current = false;
  s = LoadState(ctx, current);
  if (!s.ok()) return s;
  if (current && ctx.ChangesLost()) {
    ctx.Log().Warn("the change log was pruned past this sink's cursor");
    current = false;
  }
  if (!current) {
    ctx.Log().Info("recomputing framework shares from the store (rules " + rules_.version + ", fingerprint " +
                   fingerprint_ + ")");
    s = Recompute(ctx);
    if (!s.ok()) return s;
  }
  std::lock_guard lock(mutex_);
  opened_ = true;
  return Status::Ok();
}

Status FrameworkShareSink::LoadState(mltrend::SinkContext& ctx, bool& current) {
  current = false;
  ObservationLog observations;
  std::string source, label;
  size_t unreadable = 0;
  Status s = ctx.ScanState(kObservationPrefix, [&](std::string_view key, std::string_view value) {
    Observation observation;
    if (!SplitStateKey(key, kObservationPrefix, source, label) || !DecodeObservation(value, observation)) {
      ++unreadable;
      return;
    }
    observations.Load(source, label, std::move(observation));
  });
  if (!s.ok()) return s;
  if (unreadable > 0) ctx.Log().Warn(std::to_string(unreadable) + " unreadable observed snapshots are ignored");

  std::optional<std::string> stored;
  s = ctx.GetState(kFingerprintKey, stored);
  if (!s.ok()) return s;
  CellTable cells, slices{kSlicePrefix};
  bool cells_ok = stored && *stored == fingerprint_;
  if (stored && !cells_ok) ctx.Log().Info("the stored cells were computed with other rules or options");
  // The plain and the sliced cells are one state: either both load or the
  // sink recomputes both.
  for (CellTable* table : {&cells, &slices}) {
    if (!cells_ok) break;
    const std::string_view prefix = table == &cells ? kCellPrefix : kSlicePrefix;
    s = ctx.ScanState(prefix, [&](std::string_view key, std::string_view value) {
      Tally cell;
      SliceKey slice;
      if (!SplitStateKey(key, prefix, source, label) || !DecodeTally(value, cell) ||
          (table == &slices && !ParseSliceLabel(label, slice))) {
        cells_ok = false;
        return;
      }
      table->Load(source, label, std::move(cell));
    });
    if (!s.ok()) return s;
    if (!cells_ok) ctx.Log().Warn("stored cells are unreadable");
  }
  std::lock_guard lock(mutex_);
  observations_ = std::move(observations);
  cells_ = cells_ok ? std::move(cells) : CellTable{};
  slices_ = cells_ok ? std::move(slices) : CellTable{kSlicePrefix};
  answers_.Invalidate();
  current = cells_ok;
  return Status::Ok();
}

Status FrameworkShareSink::Recompute(mltrend::SinkContext& ctx) {
  // Several commits, so a million lineage nodes are never all in memory, nor
  // one batch (and one memtable). The first clears the state and keeps the
  // snapshots, which cannot be rebuilt from the store (each keeps the rules
  // version it was taken with). The fingerprint goes last, with the cursor:
  // a stop or crash in between leaves a state without one, which the next
  // open recomputes, and the cursor where it was.
  const uint64_t cursor = ctx.Cursor();
  mltrend::StateBatch first;
  first.clear_all = true;
  {
    std::lock_guard lock(mutex_);
    bases_.Reset();  // the edges are rewritten: the next fold loads them again
    observations_.WriteAll(first);
  }
  Status s = ctx.Commit(first, cursor);
  if (!s.ok()) return s;
  CellTable cells, slices{kSlicePrefix};
  NodeStore nodes(nullptr);
  nodes.Stream(recompute_batch_, [&](mltrend::StateBatch& batch) {
    if (ctx.Cancel().Cancelled()) return Status::Cancelled();
    return ctx.Commit(batch, cursor);
  });
  Folder folder(classifier_, official_only_, nodes, cells, slices);
  uint64_t position = 0;
  s = ctx.ScanRecords(
      [&](std::string_view source, const mltrend::Record& record) {
        if (ctx.Cancel().Cancelled()) return Status::Cancelled();
        return folder.Stage(source, record);
      },
      position);
  if (s.ok()) s = folder.ResolveStaged();
  if (s.ok()) s = nodes.WriteRest();
  if (!s.ok()) return s;
  mltrend::StateBatch last;
  cells.WriteAll(last);
  slices.WriteAll(last);
  std::lock_guard lock(mutex_);
  observations_.WriteAll(last);  // any taken since the first commit
  last.Put(std::string(kFingerprintKey), fingerprint_);
  s = ctx.Commit(last, position);
  if (!s.ok()) return s;
  cells_ = std::move(cells);
  slices_ = std::move(slices);
  answers_.Invalidate();
  return Status::Ok();
}

Status FrameworkShareSink::DoFold(mltrend::SinkContext& ctx) {
  {
    std::lock_guard lock(mutex_);
    if (!opened_) return Status::Internal("framework_share fold called before a successful open");
  }
  std::vector<mltrend::Change> changes;
  while (true) {
    if (ctx.Cancel().Cancelled()) return Status::Cancelled();
    changes.clear();
    Status s = ctx.ReadChanges(chunk_, changes);
    if (!s.ok()) return s;
    if (changes.empty()) break;
    s = FoldChunk(ctx, changes);
    if (s.code() == mltrend::StatusCode::kInternal) {
      // The lineage nodes disagree with the change log (a damaged state):
      // rebuild everything from the records rather than count wrongly.
      ctx.Log().Warn(s.message() + "; recomputing from the store");
      s = Recompute(ctx);
      if (!s.ok()) return s;
      continue;
    }
    if (!s.ok()) return s;
    if (changes.size() < chunk_) break;
  }
  return RecordObservations(ctx);
}

Status FrameworkShareSink::FoldChunk(mltrend::SinkContext& ctx, const std::vector<mltrend::Change>& changes) {
  mltrend::StateBatch batch;
  Status s;
  {
    std::lock_guard lock(mutex_);
    if (!bases_.Loaded()) s = bases_.Load(ctx);
    NodeStore nodes(&ctx, &bases_);
    Folder folder(classifier_, official_only_, nodes, cells_, slices_);
    for (const mltrend::Change& change : changes) {
      if (!s.ok()) break;
      s = folder.Change(change.source, change.id, change.before ? &*change.before : nullptr,
                        change.after ? &*change.after : nullptr);
      if (!s.ok()) break;
    }
    answers_.Invalidate();
    if (s.ok()) {
      cells_.WriteChanged(batch);
      slices_.WriteChanged(batch);
      nodes.Write(batch);
    }
  }
  if (s.ok()) s = ctx.Commit(batch, changes.back().seq);
  if (s.ok()) return s;
  // The cells in memory are ahead of the store now: go back to what the
  // store holds, so the next fold redoes this chunk from the old cursor.
  bool current = false;
  Status reload = LoadState(ctx, current);
  if (!reload.ok() || !current) {
    std::lock_guard lock(mutex_);
    opened_ = false;
    answers_.Invalidate();
  }
  return s;
}

Status FrameworkShareSink::RecordObservations(mltrend::SinkContext& ctx) {
  const std::chrono::sys_days today = today_();
  const std::string date = FormatDate(today);
  mltrend::StateBatch batch;
  {
    std::lock_guard lock(mutex_);
    for (const std::string& source : KnownSources(false))
      observations_.Record(source, date,
                           Observation{rules_.version, Evaluate(cells_.Totals(source), View{}, classifier_.Frameworks())});
    observations_.Prune(today, history_daily_days_, history_days_);
    observations_.WriteChanged(batch);
    answers_.Invalidate();
  }
  return ctx.Commit(batch, ctx.Cursor());
}

std::vector<std::string> FrameworkShareSink::KnownSources(bool with_history) const {
  std::vector<std::string> known = configured_;
  auto add = [&](const std::string& source) {
    if (std::find(known.begin(), known.end(), source) == known.end()) known.push_back(source);
  };
  for (const auto& [source, months] : cells_.All()) add(source);
  if (with_history)
    for (const auto& [source, dates] : observations_.All()) add(source);
  return known;
}

void FrameworkShareSink::DoQuery(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  const std::vector<std::string> routes = Routes();
  if (std::find(routes.begin(), routes.end(), request.path) == routes.end()) {
    RenderError({404, "not_found", "", "no route " + request.path + " in framework_share"}, response);
    return;
  }
  // Explain reads records, which change before the sink folds them: only
  // the answers computed from the aggregates alone are cached.
  const bool cacheable = request.path == "/v1/trends" || request.path == "/v1/coverage";
  const std::string key = cacheable ? AnswerCache::Key(request) : std::string();
  if (cacheable)
    if (auto hit = answers_.Find(key)) {
      response = std::move(*hit);
      return;
    }
  std::lock_guard lock(mutex_);
  if (!opened_) {
    RenderError({503, "not_ready", "", "the framework_share sink has not loaded its state yet"}, response);
    return;
  }
  if (request.path == "/v1/explain") return QueryExplain(request, response);
  const uint64_t generation = answers_.Generation();
  if (request.path == "/v1/trends") QueryTrends(request, response);
  if (request.path == "/v1/coverage") QueryCoverage(request, response);
  if (cacheable) {
    if (response.status == 200) answers_.Store(key, generation, response);
    return;
  }
  if (!request.params.empty()) {
    const std::string& name = request.params.begin()->first;
    RenderError({400, "bad_parameter", name, "unknown parameter '" + name + "' (/v1/rules takes none)"}, response);
    return;
  }
  response.status = 200;
  response.content_type = "application/json";
  response.body = RenderRules(sink_name_, rules_);
}

void FrameworkShareSink::QueryTrends(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  std::vector<std::string> known = KnownSources(true);
  TrendsQuery query;
  QueryError error;
  if (!ParseTrendsQuery(request.params, configured_, known, classifier_.Frameworks(), query, error)) {
    RenderError(error, response);
    return;
  }
  std::vector<SeriesPoint> series;
  if (query.axis == Axis::kObserved) {
    series = ObservedSeries(observations_.Find(query.source), query.by_day, query.bucket);
  } else if (query.filter.Active()) {
    // A source without pipeline_tag / library_name attributes (GitHub, PwC)
    // has every record in the "" slice, so a filter leaves its series empty.
    const CellTable::Months months = FilteredMonths(slices_.Find(query.source), query.filter);
    series = CohortSeries(&months, query.bucket, query.view, classifier_.Frameworks());
  } else {
    series = CohortSeries(cells_.Find(query.source), query.bucket, query.view, classifier_.Frameworks());
  }
  KeepRange(query, series);
  response.status = 200;
  if (query.format == Format::kCsv) {
    response.content_type = "text/csv";
    response.body = RenderTrendsCsv(query, classifier_.Frameworks(), series);
    return;
  }
  response.content_type = "application/json";
  response.body = RenderTrends(query, rules_.version, official_only_, series);
}

}  // namespace mltrend::share
