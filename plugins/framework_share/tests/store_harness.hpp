//===----------------------------------------------------------------------===//
// framework_share tests — store_harness.hpp
//===----------------------------------------------------------------------===//
// The sink wired to the daemon's real store as the daemon wires it, and the
// recorded Hub models as the Hugging Face source stores them: shared by the
// store-backed test files.
#pragma once

#include <catch2/catch.hpp>

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "default_rules_path.hpp"
#include "share_sink.hpp"
#include "share_period.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/runtime/contexts.hpp"
#include "mltrendd/store/store.hpp"

namespace framework_share_test {

using mltrend::share::FrameworkShareSink;
using mltrend_test::TempDir;

inline constexpr std::string_view kCreatedAtFloor = "2022-03-02T23:29:04.000Z";

//! Keeps what the sink logs, so a test can tell a recompute from a load.
class CaptureLog final : public mltrend::Logger {
 public:
  void Write(mltrend::LogLevel, std::string_view message) override { lines.emplace_back(message); }
  bool Enabled(mltrend::LogLevel) const override { return true; }
  bool Mentions(std::string_view word) const {
    for (const auto& l : lines)
      if (l.find(word) != std::string::npos) return true;
    return false;
  }
  std::vector<std::string> lines;
};

inline std::string DefaultRules() { return framework_share_test::DefaultRulesPath(); }

//! One sink instance over the store, as the daemon wires it.
struct Harness {
  Harness(mltrendd::Store& store, const std::string& sink_name, std::vector<std::string> sources,
          std::string rules_path, bool official_only = false, int64_t history_days = 730, size_t chunk = 10000,
          int64_t history_daily_days = -1, size_t recompute_batch = 50000)
      : sink(FrameworkShareSink::Options{[this] { return today; }, chunk, recompute_batch}) {
    config.Set("name", sink_name);
    config.Set("rules", std::move(rules_path));
    config.Set("official_only", official_only);
    config.Set("history_days", history_days);
    // Unset: the default 90, or all of a shorter history.
    config.Set("history_daily_days", history_daily_days >= 0 ? history_daily_days : std::min<int64_t>(90, history_days));
    ctx = std::make_unique<mltrendd::StoreSinkContext>(store, sink_name, config, std::move(sources), log, cancel);
  }
  mltrend::Status Open() { return sink.Open(*ctx); }
  mltrend::Status Fold() { return sink.Fold(*ctx); }
  mltrend::QueryResponse Query(std::map<std::string, std::string> params, std::string path = "/v1/trends") {
    mltrend::QueryResponse response;
    REQUIRE(sink.Query({std::move(path), std::move(params)}, response).ok());
    return response;
  }

  std::chrono::sys_days today = std::chrono::sys_days{std::chrono::year{2024} / 12 / 9};
  mltrend::ConfigValues config;
  CaptureLog log;
  mltrend::CancelToken cancel;
  std::unique_ptr<mltrendd::StoreSinkContext> ctx;
  FrameworkShareSink sink;
};

inline std::unique_ptr<mltrendd::Store> OpenStore(const TempDir& dir) {
  std::unique_ptr<mltrendd::Store> store;
  mltrend::Status s = mltrendd::Store::Open(dir / "store", {}, store);
  INFO(s.message());
  REQUIRE(s.ok());
  return store;
}

inline void Commit(mltrendd::Store& store, const std::string& source, const std::vector<mltrend::Record>& records) {
  mltrendd::CommitStats stats;
  mltrend::Status s = store.CommitPage(source, records, "page", stats);
  INFO(s.message());
  REQUIRE(s.ok());
}

inline std::string Trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

//! Recorded Hub models as the Hugging Face source stores them: keyed by
//! `_id` (the 2026 listing has none: by `id`), library_name split on
//! commas, the createdAt floor labelled "pre-2022-03". Reads a bare array
//! (GET /api/models) or an object holding it under "models", with the API's
//! snake_case keys or the camelCase a listing collector wrote.
inline std::vector<mltrend::Record> ListingRecords(const std::string& path) {
  std::string text = mltrend_test::ReadFile(path);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(text);
  simdjson::dom::array models;
  if (doc.get_array().get(models) != simdjson::SUCCESS) models = doc["models"].get_array();
  auto text_of = [](simdjson::dom::object model, const char* key, const char* alias, std::string_view& out) {
    return model[key].get(out) == simdjson::SUCCESS || (alias && model[alias].get(out) == simdjson::SUCCESS);
  };
  std::vector<mltrend::Record> records;
  for (simdjson::dom::object model : models) {
    mltrend::Record r;
    r.name = std::string(std::string_view(model["id"]));
    std::string_view id;
    r.id = text_of(model, "_id", nullptr, id) ? std::string(id) : r.name;
    r.date = std::string(std::string_view(model["createdAt"]));
    if (r.date == kCreatedAtFloor) r.period_override = "pre-2022-03";
    for (simdjson::dom::element tag : model["tags"].get_array()) r.tags.emplace_back(std::string_view(tag));
    std::string_view library;
    if (text_of(model, "library_name", "libraryName", library)) {
      r.attrs["library_name"] = std::string(library);
      for (size_t start = 0; start <= library.size();) {
        size_t comma = std::min(library.find(',', start), library.size());
        std::string part = Trimmed(library.substr(start, comma - start));
        if (!part.empty()) r.library_names.push_back(part);
        start = comma + 1;
      }
    }
    std::string_view pipeline;
    if (text_of(model, "pipeline_tag", "pipelineTag", pipeline)) r.attrs["pipeline_tag"] = std::string(pipeline);
    r.metrics["downloads"] = int64_t(model["downloads"]);
    int64_t likes = 0;
    if (model["likes"].get(likes) == simdjson::SUCCESS) r.metrics["likes"] = likes;
    records.push_back(std::move(r));
  }
  return records;
}

//! The 50 recorded Hub models of 2024-12 (tests/fixtures/huggingface).
inline std::vector<mltrend::Record> TrendingRecords() {
  std::vector<mltrend::Record> records =
      ListingRecords(mltrend_test::FixturePath("huggingface/api_models_trending_50_2024-12.json"));
  REQUIRE(records.size() == 50);
  return records;
}

//! Every query the sink answers for `source`, rendered: equal bodies mean
//! equal answers under every axis, bucket, metric and weight.
inline std::vector<std::string> AllAnswers(Harness& h, const std::string& source) {
  std::vector<std::string> bodies;
  for (const char* bucket : {"month", "quarter", "year"})
    for (const char* metric : {"exclusive", "available"})
      for (const char* weight : {"count", "downloads", "likes"}) {
        auto r = h.Query({{"source", source}, {"bucket", bucket}, {"metric", metric}, {"weight", weight}});
        REQUIRE(r.status == 200);
        bodies.push_back(r.body);
      }
  // The sliced cells answer the filters.
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"task", "text-generation"}, {"task", "text-to-image"}, {"library", "transformers"}, {"library", "timm"}})
    for (const char* format : {"json", "csv"}) {
      auto r = h.Query({{"source", source}, {"bucket", "month"}, {name, value}, {"format", format}});
      REQUIRE(r.status == 200);
      bodies.push_back(r.body);
    }
  return bodies;
}

//! Folds `inc`, recomputes from scratch in a fresh sink, and compares.
inline void CheckIncrementalEqualsFull(mltrendd::Store& store, Harness& inc, const std::string& fresh_name,
                                const std::vector<std::string>& sources) {
  mltrend::Status s = inc.Fold();
  INFO(s.message());
  REQUIRE(s.ok());
  Harness full(store, fresh_name, sources, DefaultRules());
  REQUIRE(full.Open().ok());
  CHECK(full.log.Mentions("recomputing"));
  CHECK(inc.sink.Cells() == full.sink.Cells());
  CHECK(inc.sink.Slices() == full.sink.Slices());
  for (const auto& source : sources) CHECK(AllAnswers(inc, source) == AllAnswers(full, source));
}

inline int64_t TotalRecords(const mltrend::share::CellTable& cells, const std::string& source) {
  int64_t total = 0;
  for (const auto& [signature, measure] : cells.Totals(source).entries) total += measure.v[0];
  return total;
}

inline int64_t UnknownRecords(const mltrend::share::CellTable& cells, const std::string& source) {
  int64_t unknown = 0;
  for (const auto& [signature, measure] : cells.Totals(source).entries)
    if (signature.set == 0) unknown += measure.v[0];
  return unknown;
}

}  // namespace mltrend::share_test
