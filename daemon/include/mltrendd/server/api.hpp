//===----------------------------------------------------------------------===//
// mltrendd — server/api.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mltrendd/plugin/plugin_loader.hpp"
#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/runtime/source_instance.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! What the API reads; owned by the daemon, outliving the server.
struct ApiModel {
  std::vector<std::unique_ptr<SourceInstance>>* sources = nullptr;
  std::vector<std::unique_ptr<SinkInstance>>* sinks = nullptr;
  Store* store = nullptr;
  const PluginRegistry* plugins = nullptr;
  SystemTime started{};
};

//! An answer of the API: the same shape a sink's query answer has.
using ApiAnswer = mltrend::QueryResponse;

//! The HTTP API of the query socket, independent of any transport so it is
//! tested by calling it. GET /healthz, /v1/sources, /v1/plugins, /v1/status,
//! and every route a sink declares (/v1/trends). Errors are JSON:
//! {"error":"not_found"|"bad_parameter"|"method_not_allowed", "message":..., "parameter":...}.
class Api {
 public:
  explicit Api(ApiModel model) : model_(model) {}
  ApiAnswer Handle(std::string_view method, std::string_view target) const;

 private:
  ApiAnswer Sources() const;
  ApiAnswer Plugins() const;
  ApiAnswer Status() const;
  ApiModel model_;
};

//! A JSON error answer: {"error": code, "message": message[, "parameter": parameter]}.
ApiAnswer ErrorAnswer(int status, std::string_view code, std::string_view message,
                      std::string_view parameter = {});

}  // namespace mltrendd
