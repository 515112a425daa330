//===----------------------------------------------------------------------===//
// mltrendd — server/listener_routes.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "mltrendd/server/api.hpp"
#include "mltrendd/server/query_server.hpp"

namespace mltrendd {

//! What a listener answers to `method target`: the whole API on the query
//! socket; on the scrape listener only the table's rows marked `scrape`
//! (GET /metrics and GET /healthz, the very same handlers), any other path
//! 404 and another method 405 with Allow, so a TCP port can never reach an
//! endpoint that changes state.
ApiAnswer ListenerAnswer(const Api& api, Endpoints endpoints, std::string_view method, std::string_view target);

//! The `path` label of /metrics for a request the listener answered
//! (Api::PathLabel; "other" for a path the scrape listener does not serve).
std::string ListenerPathLabel(const Api& api, Endpoints endpoints, std::string_view target);

}  // namespace mltrendd
