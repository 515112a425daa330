#include "hf_enrich.hpp"

#include <simdjson.h>

#include "hf_headers.hpp"
#include "link_paging.hpp"
#include "hf_page_parser.hpp"
#include "hf_record_json.hpp"
#include "hf_state.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::hf {

namespace {

void ApplyFirstCommit(Record& record, const std::string& date) {
  record.date = date;
  record.period_override.clear();
  record.attrs["firstCommit"] = date;
}

}  // namespace

Status ApplyKnownFirstCommit(SourceContext& ctx, Record& record) {
  if (record.period_override != kPreFloorPeriod) return Status::Ok();
  std::optional<std::string> known;
  if (Status s = ctx.GetState(state::EnrichDate(record.id), known); !s.ok()) return s;
  if (known && !known->empty()) ApplyFirstCommit(record, *known);
  return Status::Ok();
}

Status PrepareFloorRecords(SourceContext& ctx, bool queue_unknown, std::vector<Record>& records,
                           StateChanges& state) {
  std::optional<int64_t> tail;
  for (Record& record : records) {
    if (record.period_override != kPreFloorPeriod) continue;
    std::optional<std::string> known;
    if (Status s = ctx.GetState(state::EnrichDate(record.id), known); !s.ok()) return s;
    if (known) {
      // "" records a model whose history could not be read: it stays at the floor.
      if (!known->empty()) ApplyFirstCommit(record, *known);
      continue;
    }
    if (!queue_unknown) continue;
    std::optional<std::string> pending;
    if (Status s = ctx.GetState(state::EnrichRecord(record.id), pending); !s.ok()) return s;
    if (!pending) {
      if (!tail) {
        std::optional<std::string> stored;
        if (Status s = ctx.GetState(state::kEnrichTail, stored); !s.ok()) return s;
        tail = stored ? ParseInt(*stored).value_or(0) : 0;
      }
      state.emplace_back(state::EnrichSlot(*tail), record.id);
      ++*tail;
    }
    state.emplace_back(state::EnrichRecord(record.id), EncodeRecord(record));
  }
  if (tail) state.emplace_back(std::string(state::kEnrichTail), std::to_string(*tail));
  return Status::Ok();
}

Status ParseCommitsPage(std::string_view body, std::optional<std::string>& oldest_date) {
  oldest_date.reset();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(body.data(), body.size()).get(root))
    return Status::Invalid(std::string("commits page is not valid JSON: ") + simdjson::error_message(e));
  simdjson::dom::array commits;
  if (root.get(commits)) return Status::Invalid("commits page is not a JSON array");
  simdjson::dom::object last;
  bool any = false;
  for (auto item : commits) {
    if (item.get(last)) return Status::Invalid("commits page holds a value that is not an object");
    any = true;
  }
  if (!any) return Status::Ok();
  std::string_view date;
  if (last["date"].get(date)) return Status::Invalid("the last commit of the page has no string 'date'");
  if (date.size() < 19 || date[4] != '-' || date[10] != 'T')
    return Status::Invalid("the last commit's date is not an ISO-8601 timestamp: '" + std::string(date) + "'");
  oldest_date = std::string(date);
  return Status::Ok();
}

Status Enricher::ReadHead(Head& head, int64_t& tail) {
  std::optional<std::string> value;
  if (Status s = ctx_.GetState(state::kEnrichTail, value); !s.ok()) return s;
  tail = value ? ParseInt(*value).value_or(0) : 0;
  if (Status s = ctx_.GetState(state::kEnrichHead, value); !s.ok()) return s;
  head = Head{};
  if (!value) return Status::Ok();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view next;
  if (parser.parse(*value).get(root) || root["seq"].get(head.seq) || root["next"].get(next) || head.seq < 0) {
    ctx_.Log().Warn("ignoring an unreadable enrichment head; starting at the queue's front");
    head = Head{};
    return Status::Ok();
  }
  head.next = std::string(next);
  return Status::Ok();
}

Status Enricher::Commit(std::vector<Record> records, StateChanges state, const Head& head) {
  JsonWriter w;
  w.BeginObject().Key("seq").Int(head.seq).Key("next").String(head.next).EndObject();
  state.emplace_back(std::string(state::kEnrichHead), w.Take());
  Page page;
  page.records = std::move(records);
  page.state = std::move(state);
  page.checkpoint = ctx_.Checkpoint();  // enrichment never moves the crawl
  return ctx_.EmitPage(std::move(page));
}

Status Enricher::Step(Head& head, bool& requested) {
  requested = false;
  const Head done{head.seq + 1, ""};
  const std::string slot = state::EnrichSlot(head.seq);
  std::optional<std::string> id;
  if (Status s = ctx_.GetState(slot, id); !s.ok()) return s;
  std::optional<std::string> copy;
  if (id) {
    if (Status s = ctx_.GetState(state::EnrichRecord(*id), copy); !s.ok()) return s;
  }
  Record record;
  if (!copy || !DecodeRecord(*copy, record).ok()) {
    // Queued twice, or its copy is unreadable: nothing to date here.
    StateChanges state{{slot, std::nullopt}};
    if (id) state.emplace_back(state::EnrichRecord(*id), std::nullopt);
    head = done;
    return Commit({}, std::move(state), head);
  }
  const std::string url = head.next.empty() ? BuildCommitsUrl(settings_, record.name) : head.next;
  HttpResponse response;
  requested = true;
  ++requests_;
  Status s = hub_.Get(url, response);
  std::optional<std::string> oldest;
  std::optional<std::string> next;
  if (s.ok()) {
    if (Status p = ParseCommitsPage(response.body, oldest); !p.ok())
      return Status::Invalid("commits of " + record.name + " (" + url + "): " + p.message());
    if (Status p = web::LinkPager(base_).Next(response.headers, url, next); !p.ok())
      return Status::Invalid("commits of " + record.name + ": " + p.message());
  } else if (response.status != 404) {
    return s;
  }
  if (next) {
    head.next = *next;
    return Commit({}, {}, head);
  }
  StateChanges state{{slot, std::nullopt}, {state::EnrichRecord(record.id), std::nullopt}};
  std::vector<Record> records;
  if (oldest) {
    ApplyFirstCommit(record, *oldest);
    // A header read since the copy was taken must not be undone by it.
    bool applied = false;
    if (IsHeaderCandidate(record)) {
      if (Status h = ApplyKnownHeader(ctx_, record, applied); !h.ok()) return h;
    }
    state.emplace_back(state::EnrichDate(record.id), *oldest);
    records.push_back(std::move(record));
    ++dated_;
  } else {
    ctx_.Log().Warn("no commit history for " + record.name + " (" +
                    (s.ok() ? std::string("empty") : s.message()) + "); it stays at the createdAt floor");
    state.emplace_back(state::EnrichDate(record.id), std::string());
  }
  head = done;
  return Commit(std::move(records), std::move(state), head);
}

void Enricher::Report() {
  ctx_.ReportProgress(hub_.Progress("enrichment: " + std::to_string(dated_) + " models dated by first commit, " +
                                        std::to_string(requests_) + " requests this run",
                                    "enrichment"));
}

Status Enricher::Run() {
  Head head;
  int64_t tail = 0;
  if (Status s = ReadHead(head, tail); !s.ok()) return s;
  while (head.seq < tail && requests_ < settings_.enrich_budget) {
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled during first-commit enrichment");
    Report();
    bool requested = false;
    if (Status s = Step(head, requested); !s.ok()) return s;
  }
  Report();
  if (head.seq < tail)
    ctx_.Log().Info("enrichment stopped at its budget of " + std::to_string(settings_.enrich_budget) +
                    " requests; " + std::to_string(tail - head.seq) + " queued models left for the next run");
  return Status::Ok();
}

}  // namespace mltrend::hf
