//===----------------------------------------------------------------------===//
// mltrendd — server/routes.hpp
//===----------------------------------------------------------------------===//
// The daemon's own endpoints, once: the table drives Api::Handle's dispatch,
// its 404, 405 (with Allow) and "parameter X is not accepted" 400, the
// /metrics path label, the metrics listener's subset and the built-in part
// of /v1/openapi.json. A sink's routes come from the sink (Sink::Routes).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "mltrendd/server/api.hpp"

namespace mltrendd {

//! What a handler gets of its request.
struct RouteRequest {
  //! The `{name}` segment of a pattern path ("hf" of /v1/sources/hf/unquarantine); "" when the path has none.
  std::string_view name;
  //! The decoded query parameters, each one the row accepts.
  const std::map<std::string, std::string>& params;
};

//! One row: one method on one path. A path with two methods is two rows.
struct Route {
  std::string_view method;  //!< "GET" or "POST"
  //! "/v1/status", or a pattern whose `{name}` segment matches any one segment.
  std::string_view path;
  ApiAnswer (Api::*handler)(const RouteRequest&) const;
  //! The query parameters it accepts; any other is a 400 naming it.
  std::span<const std::string_view> params;
  std::string_view summary;  //!< one line, the OpenAPI operation's summary
  //! Also served on the metrics listener (TCP, read-only: only what changes nothing).
  bool scrape;
  //! The OpenAPI "responses" members of its own answers, without braces
  //! ("\"200\":{...}"); the 400 and 405 every row has are added to it.
  std::string_view responses;
};

//! The table, in the order /v1/openapi.json lists it (routes.cpp).
std::span<const Route> Routes();

//! The rows a path matches, and the one for a method.
struct RouteMatch {
  const Route* route = nullptr;  //!< the row for the method; null when the path has none
  std::string_view path;         //!< the matched rows' path as the table writes it; "" when none matched
  std::string_view name;         //!< the `{name}` segment of `path`
  std::string allow;             //!< the methods of the matched rows, "GET, POST"; "" when none matched
};

//! Looks `method path` up in the table (`path` without its query);
//! `scrape_only` keeps the rows the metrics listener serves.
RouteMatch MatchRoute(std::string_view method, std::string_view path, bool scrape_only = false);

//! A 405: "only GET is supported on PATH", with `allow` in the Allow header.
ApiAnswer MethodNotAllowed(std::string_view path, std::string allow);

}  // namespace mltrendd
