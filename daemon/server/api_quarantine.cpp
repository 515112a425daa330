//===----------------------------------------------------------------------===//
// mltrendd — server/api_quarantine.cpp
//===----------------------------------------------------------------------===//
// What the API says and does about quarantined plugin instances
// (runtime/plugin_guard.hpp): their fields in /v1/sources and the POST that
// clears a quarantine.
#include "mltrendd/config/config.hpp"
#include "mltrendd/server/api.hpp"
#include "mltrendd/server/routes.hpp"

namespace mltrendd {

void GuardFields(mltrend::JsonWriter& w, const GuardState& state) {
  w.Key("consecutive_deaths").Int(state.deaths);
  w.Key("quarantine").StringOrNull(state.quarantine);
}

ApiAnswer Api::UnquarantineSourceAnswer(const RouteRequest& request) const {
  return UnquarantineAnswer("source", request.name);
}

ApiAnswer Api::UnquarantineSinkAnswer(const RouteRequest& request) const {
  return UnquarantineAnswer("sink", request.name);
}

ApiAnswer Api::UnquarantineAnswer(std::string_view kind, std::string_view name) const {
  if (!IsValidInstanceName(name)) {
    return ErrorAnswer(404, "not_found", "no " + std::string(kind) + " named '" + std::string(name) + "'");
  }
  if (!model_.unquarantine) return ErrorAnswer(404, "not_found", "this daemon cannot clear a quarantine");
  mltrend::Status s = model_.unquarantine(kind, std::string(name));
  if (!s.ok()) {
    if (s.code() == mltrend::StatusCode::kNotFound) return ErrorAnswer(404, "not_found", s.message());
    return ErrorAnswer(500, "internal", s.message());
  }
  mltrend::JsonWriter w;
  w.BeginObject().Key("kind").String(kind).Key("name").String(name);
  w.Key("consecutive_deaths").Int(0).Key("quarantine").Null().EndObject();
  return ApiAnswer{200, "application/json", w.Take(), ""};
}

}  // namespace mltrendd
