//===----------------------------------------------------------------------===//
// mltrend SDK example: count_sink — count_sink.cpp
//===----------------------------------------------------------------------===//
#include "count_sink.hpp"

#include <algorithm>
#include <charconv>
#include <exception>
#include <optional>
#include <utility>

#include <mltrend/config_reader.hpp>
#include <mltrend/json_writer.hpp>

namespace count_example {
namespace {

using mltrend::Status;

constexpr std::string_view kCountPrefix = "count/";
constexpr const char* kLayoutKey = "layout";
//! Bump when the meaning of the stored keys changes: old state is then
//! recomputed instead of misread.
constexpr const char* kLayoutVersion = "1";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

//! "2024-05" from "2024-05-17T08:00:00Z"; "undated" without a usable date.
std::string Month(const mltrend::Record& record) {
  const std::string& d = record.date;
  const bool ok = d.size() >= 7 && IsDigit(d[0]) && IsDigit(d[1]) && IsDigit(d[2]) && IsDigit(d[3]) && d[4] == '-' &&
                  IsDigit(d[5]) && IsDigit(d[6]);
  return ok ? d.substr(0, 7) : "undated";
}

//! Source names are [a-z0-9_-]* (the daemon enforces it), so '/' separates.
std::string CountKey(const std::string& source, const std::string& month) {
  return std::string(kCountPrefix) + source + "/" + month;
}

// No exception may leave a plugin entry point: mltrend::Guarded turns one
// into a Status.
template <typename F>
Status Guarded(const char* what, F&& body) {
  return mltrend::Guarded(std::string("count sink ") + what, std::forward<F>(body));
}

void Error(mltrend::QueryResponse& response, int status, std::string_view code, std::string_view message) {
  mltrend::JsonWriter w;
  w.BeginObject().Key("error").String(code).Key("message").String(message).EndObject();
  response.status = status;
  response.body = w.Take();
}

}  // namespace

Status CountSink::Validate(const mltrend::ConfigValues& values, std::string& bad_key) {
  // The table's bounds are the whole check (the daemon also applies them at load).
  return mltrend::CheckKeys(values, kCountKeys, bad_key);
}

Status CountSink::Open(mltrend::SinkContext& ctx) {
  return Guarded("open", [&] { return DoOpen(ctx); });
}

Status CountSink::Fold(mltrend::SinkContext& ctx) {
  return Guarded("fold", [&] { return DoFold(ctx); });
}

Status CountSink::Query(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  return Guarded("query", [&] {
    DoQuery(request, response);
    return Status::Ok();
  });
}

Status CountSink::DoOpen(mltrend::SinkContext& ctx) {
  chunk_ = static_cast<size_t>(mltrend::ConfigReader(ctx.Config(), kCountKeys).Int("chunk"));
  {
    std::lock_guard lock(mutex_);
    sources_ = ctx.SourceNames();
  }
  bool complete = false;
  if (Status s = Load(ctx, complete); !s.ok()) return s;
  // Folding on from a cursor whose changes were pruned would miss them.
  if (complete && ctx.ChangesLost()) {
    ctx.Log().Warn("the change log was pruned past this sink's cursor: recounting");
    complete = false;
  }
  if (!complete) {
    if (Status s = Recompute(ctx); !s.ok()) return s;
  }
  std::lock_guard lock(mutex_);
  opened_ = true;
  return Status::Ok();
}

Status CountSink::Load(mltrend::SinkContext& ctx, bool& complete) {
  complete = false;
  std::optional<std::string> layout;
  if (Status s = ctx.GetState(kLayoutKey, layout); !s.ok()) return s;
  if (!layout || *layout != kLayoutVersion) return Status::Ok();
  Counts counts;
  bool readable = true;
  Status s = ctx.ScanState(kCountPrefix, [&](std::string_view key, std::string_view value) {
    key.remove_prefix(kCountPrefix.size());
    const size_t slash = key.rfind('/');
    int64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (slash == std::string_view::npos || ec != std::errc() || end != value.data() + value.size()) {
      readable = false;
      return;
    }
    counts[std::string(key.substr(0, slash))][std::string(key.substr(slash + 1))] = n;
  });
  if (!s.ok()) return s;
  if (!readable) {
    ctx.Log().Warn("stored counts are unreadable: recounting");
    return Status::Ok();
  }
  std::lock_guard lock(mutex_);
  counts_ = std::move(counts);
  complete = true;
  return Status::Ok();
}

Status CountSink::Recompute(mltrend::SinkContext& ctx) {
  ctx.Log().Info("counting every stored record");
  Counts counts;
  uint64_t position = 0;
  Status s = ctx.ScanRecords(
      [&](std::string_view source, const mltrend::Record& record) {
        if (ctx.Cancel().Cancelled()) return Status::Cancelled();
        ++counts[std::string(source)][Month(record)];
        return Status::Ok();
      },
      position);
  if (!s.ok()) return s;
  // Replace the whole state and move the cursor to the scan's snapshot in
  // one commit: the next fold starts exactly after what was counted.
  mltrend::StateBatch batch;
  batch.clear_all = true;
  for (const auto& [source, months] : counts)
    for (const auto& [month, n] : months) batch.Put(CountKey(source, month), std::to_string(n));
  batch.Put(kLayoutKey, kLayoutVersion);
  if (s = ctx.Commit(batch, position); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  counts_ = std::move(counts);
  return Status::Ok();
}

Status CountSink::DoFold(mltrend::SinkContext& ctx) {
  {
    std::lock_guard lock(mutex_);
    if (!opened_) return Status::Internal("fold called before a successful open");
  }
  std::vector<mltrend::Change> changes;
  while (true) {
    if (ctx.Cancel().Cancelled()) return Status::Cancelled();
    changes.clear();
    if (Status s = ctx.ReadChanges(chunk_, changes); !s.ok()) return s;
    if (changes.empty()) return Status::Ok();

    // A change carries the record before and after: a new record only adds,
    // a deleted one only subtracts, and a record whose date moved to another
    // month leaves one count and joins another.
    std::map<std::pair<std::string, std::string>, int64_t> delta;
    for (const mltrend::Change& change : changes) {
      if (change.before) --delta[{change.source, Month(*change.before)}];
      if (change.after) ++delta[{change.source, Month(*change.after)}];
    }
    // Write the new values first; memory follows only once they are stored,
    // so a failed commit leaves memory, state and cursor as they were.
    Counts updated;
    mltrend::StateBatch batch;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [cell, d] : delta) {
        if (d == 0) continue;
        const auto& [source, month] = cell;
        auto it = counts_.find(source);
        const int64_t before = it == counts_.end() || !it->second.contains(month) ? 0 : it->second.at(month);
        updated[source][month] = before + d;
        if (before + d == 0) {
          batch.Delete(CountKey(source, month));
        } else {
          batch.Put(CountKey(source, month), std::to_string(before + d));
        }
      }
    }
    if (Status s = ctx.Commit(batch, changes.back().seq); !s.ok()) return s;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [source, months] : updated) {
        for (const auto& [month, n] : months) {
          if (n == 0) {
            counts_[source].erase(month);
          } else {
            counts_[source][month] = n;
          }
        }
        if (counts_[source].empty()) counts_.erase(source);
      }
    }
    if (changes.size() < chunk_) return Status::Ok();
  }
}

void CountSink::DoQuery(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) const {
  response.content_type = "application/json";
  for (const auto& [name, value] : request.params) {
    if (name != "source") return Error(response, 400, "bad_parameter", "unknown parameter '" + name + "'");
  }
  const auto wanted = request.params.find("source");
  std::lock_guard lock(mutex_);
  if (!opened_) return Error(response, 503, "not_ready", "the count sink has not loaded its counts yet");

  // Configured sources (even with no records yet), then any others the
  // store still holds records of.
  std::vector<std::string> names = sources_;
  for (const auto& [source, months] : counts_)
    if (std::find(names.begin(), names.end(), source) == names.end()) names.push_back(source);

  auto write_source = [&](mltrend::JsonWriter& w, const std::string& source) {
    int64_t total = 0;
    w.BeginObject().Key("source").String(source).Key("months").BeginObject();
    if (auto it = counts_.find(source); it != counts_.end()) {
      for (const auto& [month, n] : it->second) {
        w.Key(month).Int(n);
        total += n;
      }
    }
    w.EndObject().Key("total").Int(total).EndObject();
  };
  mltrend::JsonWriter w;
  if (wanted != request.params.end()) {
    if (std::find(names.begin(), names.end(), wanted->second) == names.end())
      return Error(response, 404, "unknown_source", "no source named '" + wanted->second + "'");
    write_source(w, wanted->second);
  } else {
    w.BeginObject().Key("sources").BeginArray();
    for (const std::string& source : names) write_source(w, source);
    w.EndArray().EndObject();
  }
  response.status = 200;
  response.body = w.Take();
}

}  // namespace count_example
