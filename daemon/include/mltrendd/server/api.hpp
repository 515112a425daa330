//===----------------------------------------------------------------------===//
// mltrendd — server/api.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mltrend/json_writer.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/server/metrics_query.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! The outcome of config reloads (SIGHUP or POST /v1/reload), for /v1/status.
struct ReloadState {
  uint64_t reload_count = 0;     //!< reloads applied
  uint64_t failed_count = 0;     //!< reloads refused (the old config kept running)
  SystemTime last_reload{};      //!< last attempt, applied or not
  std::string last_reload_error; //!< why the last attempt was refused; "" after a success
  std::string last_change;       //!< ConfigDiff::Summary of the last applied reload
};

//! What the API reads; owned by the daemon, outliving the server.
struct ApiModel {
  std::vector<std::unique_ptr<SourceInstance>>* sources = nullptr;
  std::vector<std::unique_ptr<SinkInstance>>* sinks = nullptr;
  Store* store = nullptr;
  const PluginRegistry* plugins = nullptr;
  SystemTime started{};
  const ReloadState* reload = nullptr;
  //! Where the metrics listener is bound, for /v1/status; "" when it is off.
  const std::string* metrics_address = nullptr;
  //! POST /v1/reload: reloads the config on the event loop and says how it went.
  std::function<mltrend::Status()> reload_now = nullptr;
  //! POST /v1/sources/NAME/unquarantine (kind "source") and
  //! /v1/sinks/NAME/unquarantine (kind "sink"): see Daemon::Unquarantine.
  std::function<mltrend::Status(std::string_view kind, const std::string& name)> unquarantine = nullptr;
};

//! An answer of the API: the same shape a sink's query answer has.
using ApiAnswer = mltrend::QueryResponse;

//! The HTTP API of the query socket, independent of any transport so it is
//! tested by calling it. GET /healthz, /metrics (Prometheus text), /v1/sources,
//! /v1/plugins, /v1/status, /v1/openapi.json, POST /v1/reload, and every route a
//! sink declares (/v1/trends).
//! Errors are JSON:
//! {"error":"not_found"|"bad_parameter"|"method_not_allowed", "message":..., "parameter":...}.
class Api {
 public:
  explicit Api(ApiModel model) : model_(model) {}
  ApiAnswer Handle(std::string_view method, std::string_view target) const;

  //! The `path` label of a request in /metrics: the path of `target` when
  //! the API serves it (built in or a sink's route), else "other", so
  //! probing random paths cannot grow the metrics.
  std::string PathLabel(std::string_view target) const;
  //! Where the transport records what it answered, for /metrics.
  QueryMetrics& Queries() const { return queries_; }

 private:
  ApiAnswer Sources() const;
  ApiAnswer Plugins() const;
  ApiAnswer Status() const;
  //! GET /v1/openapi.json: the daemon's endpoints and each sink plugin's (openapi.cpp).
  ApiAnswer OpenApi() const;
  //! POST /v1/sources/NAME/unquarantine and /v1/sinks/NAME/unquarantine
  //! (api_quarantine.cpp); nullopt for any other path.
  std::optional<ApiAnswer> Unquarantine(std::string_view method, const std::string& path) const;
  ApiModel model_;
  //! Mutable: counting the queries does not change what the API answers.
  mutable QueryMetrics queries_;
};

//! "consecutive_deaths" and "quarantine" (the reason, or null) of an
//! instance, in /v1/sources (api_quarantine.cpp).
void GuardFields(mltrend::JsonWriter& w, const GuardState& state);
//! The /metrics path label of an unquarantine path
//! ("/v1/sources/{name}/unquarantine"), "" for any other path.
std::string UnquarantineLabel(std::string_view path);

//! A JSON error answer: {"error": code, "message": message[, "parameter": parameter]}.
ApiAnswer ErrorAnswer(int status, std::string_view code, std::string_view message,
                      std::string_view parameter = {});

}  // namespace mltrendd
