//===----------------------------------------------------------------------===//
// mltrend SDK — sink.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mltrend/cancel.hpp"
#include "mltrend/config.hpp"
#include "mltrend/log.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend {

//! One entry of the store's change log: a record of `source` went from
//! `before` to `after` in one committed page. Sequence numbers grow strictly
//! in commit order across all sources.
struct Change {
  uint64_t seq = 0;
  std::string source;            //!< the source's configured name
  std::string id;                //!< the record's immutable id
  std::optional<Record> before;  //!< absent when the record is new
  std::optional<Record> after;   //!< absent when the record was deleted
};

//! Writes to a sink's own key space, committed together with its cursor.
struct StateBatch {
  //! Delete every key of this sink before applying `ops` (a full recompute).
  bool clear_all = false;
  //! key -> new value, or std::nullopt to delete the key.
  std::vector<std::pair<std::string, std::optional<std::string>>> ops;

  void Put(std::string key, std::string value) { ops.emplace_back(std::move(key), std::move(value)); }
  void Delete(std::string key) { ops.emplace_back(std::move(key), std::nullopt); }
};

//! Everything a sink may touch. Owned by the daemon; lives as long as the sink.
class SinkContext {
 public:
  virtual ~SinkContext() = default;

  //! This instance's `[[sink]]` table, validated against the plugin's keys.
  virtual const ConfigValues& Config() const = 0;
  virtual Logger& Log() = 0;
  virtual const CancelToken& Cancel() const = 0;
  //! The configured source names, in config order.
  virtual std::vector<std::string> SourceNames() const = 0;

  //! The sequence number of the last change this sink committed (0: none).
  virtual uint64_t Cursor() const = 0;
  //! True when the change log no longer holds every change after Cursor()
  //! (it was pruned while this sink was absent from the config): folding
  //! would silently miss changes, so the sink must rebuild from ScanRecords.
  virtual bool ChangesLost() = 0;
  //! Appends to `out` up to `max` changes after Cursor(), oldest first.
  //! Fewer than `max` (possibly none) means the log holds no more yet.
  virtual Status ReadChanges(size_t max, std::vector<Change>& out) = 0;
  //! Visits every stored record at one consistent snapshot and sets
  //! `position` to the change-log sequence that snapshot includes, so that
  //! `Commit(batch, position)` after a full recompute loses no change and
  //! folds none twice. Stops early with the visitor's first non-ok Status.
  virtual Status ScanRecords(
      const std::function<Status(std::string_view source, const Record& record)>& visit,
      uint64_t& position) = 0;

  //! The stored record `id` of `source` (nullopt when absent). A point read
  //! of the live store: it may already hold changes the sink has not folded
  //! yet. Safe from any thread (explain answers read records on the query
  //! server's thread). Costs one RocksDB Get and a decode.
  virtual Status GetRecord(std::string_view source, std::string_view id, std::optional<Record>& out) = 0;

  //! Reads one key of this sink's own state.
  virtual Status GetState(std::string_view key, std::optional<std::string>& value) = 0;
  //! Visits this sink's state keys starting with `prefix`, in key order.
  virtual Status ScanState(std::string_view prefix,
                           const std::function<void(std::string_view key, std::string_view value)>& visit) = 0;
  //! Applies `batch` and moves the cursor to `new_cursor` in one atomic
  //! write: after a crash either both happened or neither did.
  virtual Status Commit(const StateBatch& batch, uint64_t new_cursor) = 0;
};

//! A request routed to a sink by the query server (GET only).
struct QueryRequest {
  std::string path;                           //!< e.g. "/v1/trends"
  std::map<std::string, std::string> params;  //!< decoded query parameters
};

struct QueryResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

//! A sink plugin: folds the change log into aggregates and answers queries.
//! Threading: Open and Fold are called from one daemon thread, one at a
//! time; Query may be called from the query server at any moment,
//! concurrently with Fold, and must synchronise with it.
class Sink {
 public:
  virtual ~Sink() = default;
  //! Loads state; recomputes from the store when it is missing or stale
  //! (e.g. the rules file changed).
  virtual Status Open(SinkContext& ctx) = 0;
  //! Folds every change after the cursor, then records an observation.
  virtual Status Fold(SinkContext& ctx) = 0;
  //! The paths this sink answers (e.g. {"/v1/trends"}).
  virtual std::vector<std::string> Routes() const = 0;
  virtual Status Query(const QueryRequest& request, QueryResponse& response) = 0;
  //! An OpenAPI 3 "paths" object (JSON text) describing Routes(), merged by
  //! the daemon into `GET /v1/openapi.json`; "" documents nothing. Its
  //! schemas may `$ref` "#/components/schemas/Error", the daemon's JSON error.
  virtual std::string OpenApiPaths() const { return {}; }
};

}  // namespace mltrend
