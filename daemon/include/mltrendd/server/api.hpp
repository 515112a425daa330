//===----------------------------------------------------------------------===//
// mltrendd — server/api.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
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

//! An answer of the API: a sink's query answer (mltrend::QueryResponse)
//! plus the one header the daemon itself adds.
struct ApiAnswer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  //! The Allow header of a 405: the methods the path accepts ("GET",
  //! "GET, POST"); "" sends none.
  std::string allow;
};

struct Route;
struct RouteRequest;

//! The HTTP API of the query socket, independent of any transport so it is
//! tested by calling it. The daemon's own endpoints are the rows of one table
//! (server/routes.hpp, listed nowhere else); every route a sink declares
//! (/v1/trends) is GET. Errors are JSON:
//! {"error":"not_found"|"bad_parameter"|"method_not_allowed", "message":..., "parameter":...};
//! a 405 says the path's methods in Allow.
class Api {
 public:
  explicit Api(ApiModel model) : model_(model) {}
  ApiAnswer Handle(std::string_view method, std::string_view target) const;

  //! The `path` label of a request in /metrics: the path of `target` when
  //! the API serves it (a table row's path, patterns as written, or a sink's
  //! route), else "other", so probing random paths cannot grow the metrics.
  std::string PathLabel(std::string_view target) const;
  //! Where the transport records what it answered, for /metrics.
  QueryMetrics& Queries() const { return queries_; }

 private:
  //! The table names the handlers below (routes.cpp).
  friend std::span<const Route> Routes();

  ApiAnswer HealthzAnswer(const RouteRequest& request) const;
  ApiAnswer MetricsAnswer(const RouteRequest& request) const;
  ApiAnswer SourcesAnswer(const RouteRequest& request) const;
  ApiAnswer PluginsAnswer(const RouteRequest& request) const;
  ApiAnswer StatusAnswer(const RouteRequest& request) const;
  //! GET /v1/openapi.json: the table's endpoints and each sink plugin's (openapi.cpp).
  ApiAnswer OpenApiAnswer(const RouteRequest& request) const;
  ApiAnswer ReloadAnswer(const RouteRequest& request) const;
  //! POST /v1/sources/{name}/unquarantine and /v1/sinks/{name}/unquarantine
  //! (api_quarantine.cpp).
  ApiAnswer UnquarantineSourceAnswer(const RouteRequest& request) const;
  ApiAnswer UnquarantineSinkAnswer(const RouteRequest& request) const;
  ApiAnswer UnquarantineAnswer(std::string_view kind, std::string_view name) const;
  //! A sink's route: the sink that answers it (`sink=NAME` picks one), or an error.
  ApiAnswer SinkAnswer(std::string_view method, std::string path, std::map<std::string, std::string> params) const;
  ApiModel model_;
  //! Mutable: counting the queries does not change what the API answers.
  mutable QueryMetrics queries_;
};

//! "consecutive_deaths" and "quarantine" (the reason, or null) of an
//! instance, in /v1/sources (api_quarantine.cpp).
void GuardFields(mltrend::JsonWriter& w, const GuardState& state);

//! A JSON error answer: {"error": code, "message": message[, "parameter": parameter]}.
ApiAnswer ErrorAnswer(int status, std::string_view code, std::string_view message,
                      std::string_view parameter = {});

}  // namespace mltrendd
