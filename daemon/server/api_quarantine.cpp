//===----------------------------------------------------------------------===//
// mltrendd — server/api_quarantine.cpp
//===----------------------------------------------------------------------===//
// What the API says and does about quarantined plugin instances
// (runtime/plugin_guard.hpp): their fields in /v1/sources and the POST that
// clears a quarantine.
#include "mltrendd/config/config.hpp"
#include "mltrendd/server/api.hpp"

namespace mltrendd {
namespace {

constexpr std::string_view kSuffix = "/unquarantine";

//! "/v1/sources/hf/unquarantine" -> kind "source", name "hf"; false for any other path.
bool ParseUnquarantine(std::string_view path, std::string_view& kind, std::string_view& name) {
  if (path.size() <= kSuffix.size() || path.substr(path.size() - kSuffix.size()) != kSuffix) return false;
  std::string_view rest = path.substr(0, path.size() - kSuffix.size());
  for (auto [prefix, k] : {std::pair{std::string_view("/v1/sources/"), std::string_view("source")},
                           std::pair{std::string_view("/v1/sinks/"), std::string_view("sink")}}) {
    if (rest.substr(0, prefix.size()) != prefix) continue;
    name = rest.substr(prefix.size());
    kind = k;
    return name.find('/') == std::string_view::npos;
  }
  return false;
}

}  // namespace

void GuardFields(mltrend::JsonWriter& w, const GuardState& state) {
  w.Key("consecutive_deaths").Int(state.deaths);
  w.Key("quarantine").StringOrNull(state.quarantine);
}

std::string UnquarantineLabel(std::string_view path) {
  std::string_view kind, name;
  if (!ParseUnquarantine(path, kind, name)) return "";
  return kind == "source" ? "/v1/sources/{name}/unquarantine" : "/v1/sinks/{name}/unquarantine";
}

std::optional<ApiAnswer> Api::Unquarantine(std::string_view method, const std::string& path) const {
  std::string_view kind, name;
  if (!ParseUnquarantine(path, kind, name)) return std::nullopt;
  if (method != "POST") return ErrorAnswer(405, "method_not_allowed", "only POST is supported on " + path);
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
  return ApiAnswer{200, "application/json", w.Take()};
}

}  // namespace mltrendd
