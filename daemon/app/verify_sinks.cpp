//===----------------------------------------------------------------------===//
// mltrendd — app/verify_sinks.cpp
//===----------------------------------------------------------------------===//
#include "verify_sinks.hpp"

#include <map>
#include <optional>
#include <set>

namespace mltrendd {

namespace {

//! Drops what the recompute logs ("recomputing ..."): --verify prints a report.
class QuietLogger final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel, std::string_view) override {}
  bool Enabled(mltrend::LogLevel) const override { return false; }
};

//! A sink context over the real records whose own state reads empty, so the
//! sink's Open recomputes; its commits are caught, never written.
class RecomputeContext final : public mltrend::SinkContext {
 public:
  RecomputeContext(Store& store, const mltrend::ConfigValues& config, std::vector<std::string> sources)
      : store_(store), config_(config), sources_(std::move(sources)) {}

  const mltrend::ConfigValues& Config() const override { return config_; }
  mltrend::Logger& Log() override { return log_; }
  const mltrend::CancelToken& Cancel() const override { return cancel_; }
  std::vector<std::string> SourceNames() const override { return sources_; }
  uint64_t Cursor() const override { return cursor_; }
  bool ChangesLost() override { return false; }
  mltrend::Status ReadChanges(size_t, std::vector<mltrend::Change>&) override { return mltrend::Status::Ok(); }
  mltrend::Status ScanRecords(const std::function<mltrend::Status(std::string_view, const mltrend::Record&)>& visit,
                              uint64_t& position) override {
    return store_.ScanRecords(visit, position);
  }
  mltrend::Status GetRecord(std::string_view source, std::string_view id,
                            std::optional<mltrend::Record>& out) override {
    return store_.GetRecord(source, id, out);
  }
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override {
    auto it = state_.find(key);
    value = it == state_.end() ? std::nullopt : std::optional<std::string>(it->second);
    return mltrend::Status::Ok();
  }
  mltrend::Status ScanState(std::string_view prefix,
                            const std::function<void(std::string_view, std::string_view)>& visit) override {
    for (auto it = state_.lower_bound(prefix); it != state_.end() && it->first.starts_with(prefix); ++it)
      visit(it->first, it->second);
    return mltrend::Status::Ok();
  }
  mltrend::Status Commit(const mltrend::StateBatch& batch, uint64_t new_cursor) override {
    if (batch.clear_all) state_.clear();
    for (const auto& [key, value] : batch.ops) {
      if (value) state_[key] = *value;
      else state_.erase(key);
    }
    cursor_ = new_cursor;
    committed_ = true;
    return mltrend::Status::Ok();
  }

  bool Committed() const { return committed_; }
  const std::map<std::string, std::string, std::less<>>& State() const { return state_; }

 private:
  Store& store_;
  const mltrend::ConfigValues& config_;
  std::vector<std::string> sources_;
  QuietLogger log_;
  mltrend::CancelToken cancel_;
  uint64_t cursor_ = 0;
  bool committed_ = false;
  std::map<std::string, std::string, std::less<>> state_;
};

std::string Family(std::string_view key) {
  const size_t slash = key.find('/');
  return std::string(slash == std::string_view::npos ? key : key.substr(0, slash + 1));
}

std::string Shorten(std::string_view value) {
  std::string out;
  for (char c : value.substr(0, 80)) out.push_back(c == '\n' ? '|' : c);
  return value.size() > 80 ? out + "..." : out;
}

}  // namespace

size_t VerifySinkAggregates(Store& store, const std::vector<std::unique_ptr<SinkInstance>>& sinks,
                            const std::vector<std::string>& source_names, std::string& report) {
  size_t problems = 0;
  auto problem = [&](const std::string& text) {
    ++problems;
    report.append("problem: ").append(text).push_back('\n');
  };
  for (const auto& instance : sinks) {
    const std::string& name = instance->Config().name;
    uint64_t cursor = 0;
    if (Status s = store.GetSinkCursor(name, cursor); !s.ok()) {
      problem("sink " + name + ": " + s.message());
      continue;
    }
    // Offline, nothing commits meanwhile: the recompute will see this sequence.
    if (cursor != store.LastSequence()) {
      report.append("sink " + name + ": cursor " + std::to_string(cursor) + " is not at the last sequence " +
                    std::to_string(store.LastSequence()) + " (changes not folded yet); aggregates not compared\n");
      continue;
    }
    std::shared_ptr<mltrend::Sink> sink = instance->Plugin().CreateSink();
    if (!sink) {
      problem("sink " + name + ": its plugin could not create a second sink object to recompute with");
      continue;
    }
    RecomputeContext ctx(store, instance->Config().values, source_names);
    mltrend::Status opened;
    try {
      opened = sink->Open(ctx);
    } catch (const std::exception& e) {
      opened = mltrend::Status::Internal(std::string("threw: ") + e.what());
    }
    if (!opened.ok()) {
      problem("sink " + name + ": recomputing its aggregates failed: " + opened.message());
      continue;
    }
    if (!ctx.Committed()) {
      report.append("sink " + name + ": its plugin recomputes nothing from an empty state; aggregates not compared\n");
      continue;
    }
    if (cursor != ctx.Cursor()) {
      problem("sink " + name + ": the recompute read the records at sequence " + std::to_string(ctx.Cursor()) +
              ", not at the last sequence " + std::to_string(cursor));
      continue;
    }
    std::map<std::string, std::string, std::less<>> stored;
    if (Status s = store.ScanSinkState(name, "", [&](std::string_view k, std::string_view v) {
          stored.emplace(std::string(k), std::string(v));
        });
        !s.ok()) {
      problem("sink " + name + ": " + s.message());
      continue;
    }
    // A sink that never committed (the daemon was stopped before its first
    // open finished) has nothing to be wrong yet: it recomputes at its next open.
    if (stored.empty()) {
      report.append("sink " + name + ": no stored aggregates yet (computed at its next open); not compared\n");
      continue;
    }
    const auto& recomputed = ctx.State();
    std::set<std::string> families;
    for (const auto& [key, value] : recomputed) families.insert(Family(key));
    size_t compared = 0;
    size_t before = problems;
    for (const auto& [key, value] : recomputed) {
      ++compared;
      auto it = stored.find(key);
      if (it == stored.end()) {
        problem("sink " + name + ": aggregate " + key + " is missing; a full recompute gives '" + Shorten(value) + "'");
      } else if (it->second != value) {
        problem("sink " + name + ": aggregate " + key + " is '" + Shorten(it->second) +
                "' but a full recompute gives '" + Shorten(value) + "'");
      }
    }
    size_t history = 0;
    for (const auto& [key, value] : stored) {
      if (!families.count(Family(key))) {
        ++history;
      } else if (!recomputed.count(key)) {
        problem("sink " + name + ": aggregate " + key + " is stored ('" + Shorten(value) +
                "') but a full recompute has no such key");
      }
    }
    report.append("sink " + name + ": " + std::to_string(compared) + " aggregates compared with a full recompute at " +
                  "sequence " + std::to_string(cursor) + ", " + std::to_string(history) +
                  " history keys not recomputable: " + std::to_string(problems - before) + " problems\n");
  }
  return problems;
}

}  // namespace mltrendd
