//===----------------------------------------------------------------------===//
// mltrendd — server/listener_routes.cpp
//===----------------------------------------------------------------------===//
#include "listener_routes.hpp"

#include <algorithm>
#include <vector>

#include "mltrendd/server/routes.hpp"

namespace mltrendd {
namespace {

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

//! "/metrics and /healthz": the paths of the table's scrape rows.
std::string ScrapedPaths() {
  std::vector<std::string_view> paths;
  for (const Route& row : Routes()) {
    if (row.scrape && std::find(paths.begin(), paths.end(), row.path) == paths.end()) paths.push_back(row.path);
  }
  std::string out;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i > 0) out += i + 1 == paths.size() ? " and " : ", ";
    out += paths[i];
  }
  return out;
}

}  // namespace

ApiAnswer ListenerAnswer(const Api& api, Endpoints endpoints, std::string_view method, std::string_view target) {
  if (endpoints == Endpoints::kAll) return api.Handle(method, target);
  const std::string_view path = PathOf(target);
  const RouteMatch match = MatchRoute(method, path, /*scrape_only=*/true);
  if (match.path.empty()) {
    static const std::string kServed = ScrapedPaths();
    return ErrorAnswer(404, "not_found",
                       "the metrics listener serves only " + kServed + ", not " + std::string(path));
  }
  if (!match.route) return MethodNotAllowed(path, match.allow);
  return api.Handle(method, target);
}

std::string ListenerPathLabel(const Api& api, Endpoints endpoints, std::string_view target) {
  if (endpoints == Endpoints::kScrape && MatchRoute("", PathOf(target), true).path.empty()) return "other";
  return api.PathLabel(target);
}

}  // namespace mltrendd
