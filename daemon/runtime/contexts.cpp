#include "mltrendd/runtime/contexts.hpp"

#include <charconv>

#include "mltrendd/secrets/secrets.hpp"

namespace mltrendd {

StoreSourceContext::StoreSourceContext(Store& store, std::string source_name, const mltrend::ConfigValues& config,
                                       mltrend::HttpClient& http, const mltrend::CancelToken& cancel,
                                       mltrend::Logger& log, SourceRunCounters* counters)
    : store_(store),
      source_(std::move(source_name)),
      config_(config),
      http_(http, counters),
      cancel_(cancel),
      log_(log),
      counters_(counters) {
  Status s = store_.GetCheckpoint(source_, checkpoint_);
  if (!s.ok()) log_.Error("cannot read checkpoint, starting from the beginning: " + s.message());
}

mltrend::Status StoreSourceContext::EmitPage(mltrend::Page page) {
  // Checked here as well as in the source: a page that arrives after the
  // daemon decided to stop is abandoned whole, never half-committed.
  if (cancel_.Cancelled()) return Status::Cancelled("run cancelled before the page was committed");
  CommitStats stats;
  Status s = store_.CommitPage(source_, page.records, page.checkpoint, stats, page.state);
  if (!s.ok()) return s;
  checkpoint_ = std::move(page.checkpoint);
  if (counters_) {
    counters_->pages += 1;
    counters_->inserted += stats.inserted;
    counters_->updated += stats.updated;
    counters_->unchanged += stats.unchanged;
    counters_->rejected += page.rejected;
    counters_->total.pages += 1;
    counters_->total.inserted += stats.inserted;
    counters_->total.updated += stats.updated;
    counters_->total.unchanged += stats.unchanged;
    counters_->total.rejected += page.rejected;
  }
  return Status::Ok();
}

mltrend::Status CountingHttpClient::Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) {
  mltrend::Status s = inner_.Send(request, response);
  if (counters_) {
    std::lock_guard lock(counters_->mutex);
    counters_->http_responses[s.ok() ? response.status : SourceRunCounters::kHttpNoResponse] += 1;
  }
  return s;
}

mltrend::Status StoreSourceContext::GetState(std::string_view key, std::optional<std::string>& value) {
  return store_.GetSourceState(source_, key, value);
}

mltrend::Status StoreSourceContext::ScanState(
    std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) {
  return store_.ScanSourceState(source_, prefix, visit);
}

void StoreSourceContext::ReportProgress(const mltrend::SourceProgress& progress) {
  if (!counters_) return;
  // The plugin may have put a server's text in it (a cursor, a resource name).
  mltrend::SourceProgress kept = progress;
  kept.checkpoint_summary = Redact(kept.checkpoint_summary);
  kept.rate_limit_resource = Redact(kept.rate_limit_resource);
  kept.phase = Redact(kept.phase);
  std::lock_guard lock(counters_->mutex);
  counters_->progress = std::move(kept);
}

std::string StoreSourceContext::Secret(const std::string& name) const { return ReadSecret(name); }

StoreSinkContext::StoreSinkContext(Store& store, std::string sink_name, const mltrend::ConfigValues& config,
                                   std::vector<std::string> source_names, mltrend::Logger& log,
                                   const mltrend::CancelToken& cancel)
    : store_(store),
      sink_(std::move(sink_name)),
      config_(config),
      sources_(std::move(source_names)),
      log_(log),
      cancel_(cancel) {
  uint64_t cursor = 0;
  Status s = store_.GetSinkCursor(sink_, cursor);
  if (!s.ok()) log_.Error("cannot read sink cursor: " + s.message());
  cursor_ = cursor;
}

uint64_t PrunedUpto(Store& store) {
  std::optional<std::string> text;
  uint64_t value = 0;
  if (!store.GetMeta(kPrunedUptoKey, text).ok() || !text) return 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  return (ec == std::errc() && end == text->data() + text->size()) ? value : 0;
}

bool StoreSinkContext::ChangesLost() { return cursor_.load() < PrunedUpto(store_); }

mltrend::Status StoreSinkContext::ReadChanges(size_t max, std::vector<mltrend::Change>& out) {
  return store_.ReadChanges(cursor_.load(), max, out);
}

mltrend::Status StoreSinkContext::ScanRecords(
    const std::function<mltrend::Status(std::string_view, const mltrend::Record&)>& visit, uint64_t& position) {
  return store_.ScanRecords(visit, position);
}

mltrend::Status StoreSinkContext::GetRecord(std::string_view source, std::string_view id,
                                           std::optional<mltrend::Record>& out) {
  return store_.GetRecord(source, id, out);
}

mltrend::Status StoreSinkContext::GetState(std::string_view key, std::optional<std::string>& value) {
  return store_.GetSinkState(sink_, key, value);
}

mltrend::Status StoreSinkContext::ScanState(std::string_view prefix,
                                            const std::function<void(std::string_view, std::string_view)>& visit) {
  return store_.ScanSinkState(sink_, prefix, visit);
}

mltrend::Status StoreSinkContext::Commit(const mltrend::StateBatch& batch, uint64_t new_cursor) {
  Status s = store_.CommitSink(sink_, batch, new_cursor);
  if (s.ok()) cursor_ = new_cursor;
  return s;
}

}  // namespace mltrendd
