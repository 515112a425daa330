//===----------------------------------------------------------------------===//
// mltrendd — runtime/contexts.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "mltrend/sink.hpp"
#include "mltrend/source.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! What a source's pages carried: pages committed and records by outcome.
struct PageCounts {
  std::atomic<uint64_t> pages{0};
  std::atomic<uint64_t> inserted{0};
  std::atomic<uint64_t> updated{0};
  std::atomic<uint64_t> unchanged{0};
  std::atomic<uint64_t> rejected{0};
  void Reset() {
    pages = 0;
    inserted = 0;
    updated = 0;
    unchanged = 0;
    rejected = 0;
  }
};

//! Live figures of one source's current (or last) run, read by /v1/sources
//! while the run writes them.
struct SourceRunCounters : PageCounts {
  std::mutex mutex;                 //!< guards `progress` and `http_responses`
  mltrend::SourceProgress progress;

  //! Since the daemon started, across runs; never reset (the counters of
  //! /metrics, which must only grow).
  PageCounts total;
  //! HTTP exchanges since the daemon started, by final status (after
  //! redirects); kHttpNoResponse counts those that got no answer at all.
  std::map<int, uint64_t> http_responses;
  static constexpr int kHttpNoResponse = 0;
};

//! The HttpClient a source is handed: the daemon's client, with every
//! exchange counted into the source's counters by its final status. Counting
//! here keeps the SDK unchanged and needs no hook inside the client.
class CountingHttpClient final : public mltrend::HttpClient {
 public:
  //! `counters` may be nullptr (nothing is counted).
  CountingHttpClient(mltrend::HttpClient& inner, SourceRunCounters* counters) : inner_(inner), counters_(counters) {}
  mltrend::Status Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) override;

 private:
  mltrend::HttpClient& inner_;
  SourceRunCounters* counters_;
};

//! The SourceContext of one run: pages commit into the real Store.
class StoreSourceContext final : public mltrend::SourceContext {
 public:
  //! `counters` may be nullptr. Reads the source's checkpoint from the store.
  StoreSourceContext(Store& store, std::string source_name, const mltrend::ConfigValues& config,
                     mltrend::HttpClient& http, const mltrend::CancelToken& cancel, mltrend::Logger& log,
                     SourceRunCounters* counters);

  const mltrend::ConfigValues& Config() const override { return config_; }
  mltrend::HttpClient& Http() override { return http_; }
  const std::string& Checkpoint() const override { return checkpoint_; }
  const mltrend::CancelToken& Cancel() const override { return cancel_; }
  mltrend::Logger& Log() override { return log_; }
  mltrend::Status EmitPage(mltrend::Page page) override;
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override;
  mltrend::Status ScanState(std::string_view prefix,
                            const std::function<bool(std::string_view, std::string_view)>& visit) override;
  void ReportProgress(const mltrend::SourceProgress& progress) override;
  std::string Secret(const std::string& name) const override;

 private:
  Store& store_;
  std::string source_;
  const mltrend::ConfigValues& config_;
  CountingHttpClient http_;
  const mltrend::CancelToken& cancel_;
  mltrend::Logger& log_;
  SourceRunCounters* counters_;
  std::string checkpoint_;
};

//! The meta key holding the highest change-log sequence ever pruned.
inline constexpr const char* kPrunedUptoKey = "changelog/pruned_upto";

//! That mark as a number (0 when absent or unreadable: a damaged value
//! must not take the fold thread down).
uint64_t PrunedUpto(Store& store);

//! The SinkContext of one sink instance over the real Store.
class StoreSinkContext final : public mltrend::SinkContext {
 public:
  StoreSinkContext(Store& store, std::string sink_name, const mltrend::ConfigValues& config,
                   std::vector<std::string> source_names, mltrend::Logger& log, const mltrend::CancelToken& cancel);

  const mltrend::ConfigValues& Config() const override { return config_; }
  mltrend::Logger& Log() override { return log_; }
  const mltrend::CancelToken& Cancel() const override { return cancel_; }
  std::vector<std::string> SourceNames() const override { return sources_; }
  uint64_t Cursor() const override { return cursor_.load(); }
  bool ChangesLost() override;
  mltrend::Status ReadChanges(size_t max, std::vector<mltrend::Change>& out) override;
  mltrend::Status ScanRecords(const std::function<mltrend::Status(std::string_view, const mltrend::Record&)>& visit,
                              uint64_t& position) override;
  mltrend::Status GetRecord(std::string_view source, std::string_view id,
                            std::optional<mltrend::Record>& out) override;
  mltrend::Status GetState(std::string_view key, std::optional<std::string>& value) override;
  mltrend::Status ScanState(std::string_view prefix,
                            const std::function<void(std::string_view, std::string_view)>& visit) override;
  mltrend::Status Commit(const mltrend::StateBatch& batch, uint64_t new_cursor) override;

 private:
  Store& store_;
  std::string sink_;
  const mltrend::ConfigValues& config_;
  std::vector<std::string> sources_;
  mltrend::Logger& log_;
  const mltrend::CancelToken& cancel_;
  //! Written by the fold thread, read by /v1/sources on the event loop.
  std::atomic<uint64_t> cursor_{0};
};

}  // namespace mltrendd
