//===----------------------------------------------------------------------===//
// mltrendd — server/listener_routes.cpp
//===----------------------------------------------------------------------===//
#include "listener_routes.hpp"

namespace mltrendd {
namespace {

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

bool Scraped(std::string_view path) { return path == "/metrics" || path == "/healthz"; }

}  // namespace

ApiAnswer ListenerAnswer(const Api& api, Endpoints endpoints, std::string_view method, std::string_view target) {
  if (endpoints == Endpoints::kAll) return api.Handle(method, target);
  const std::string_view path = PathOf(target);
  if (!Scraped(path)) {
    return ErrorAnswer(404, "not_found", "the metrics listener serves only /metrics and /healthz, not " +
                                             std::string(path));
  }
  if (method != "GET") return ErrorAnswer(405, "method_not_allowed", "only GET is supported on " + std::string(path));
  return api.Handle(method, target);
}

std::string ListenerPathLabel(const Api& api, Endpoints endpoints, std::string_view target) {
  if (endpoints == Endpoints::kScrape && !Scraped(PathOf(target))) return "other";
  return api.PathLabel(target);
}

}  // namespace mltrendd
