//===----------------------------------------------------------------------===//
// framework_share — trends_query.cpp
//===----------------------------------------------------------------------===//
#include "framework_share/trends_query.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "framework_share/cell.hpp"
#include "mltrend/json_writer.hpp"

namespace framework_share {
namespace {

constexpr std::string_view kParameters[] = {"source", "axis", "bucket", "metric", "weight"};

QueryError BadValue(const std::string& parameter, std::string_view expected, const std::string& got) {
  return {400, "bad_parameter", parameter,
          parameter + " must be " + std::string(expected) + ", got '" + got + "'"};
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

std::string_view AxisName(Axis axis) { return axis == Axis::kCohort ? "cohort" : "observed"; }
std::string_view MetricName(Metric metric) { return metric == Metric::kExclusive ? "exclusive" : "available"; }

bool ParseTrendsQuery(const std::map<std::string, std::string>& params, const std::vector<std::string>& configured,
                      const std::vector<std::string>& known, TrendsQuery& out, QueryError& error) {
  out = TrendsQuery{};
  auto fail = [&](QueryError e) {
    error = std::move(e);
    return false;
  };
  for (const auto& [name, value] : params) {
    if (std::find(std::begin(kParameters), std::end(kParameters), name) == std::end(kParameters)) {
      return fail({400, "bad_parameter", name,
                   "unknown parameter '" + name + "' (expected source, axis, bucket, metric or weight)"});
    }
  }
  auto get = [&](const char* name) -> const std::string* {
    auto it = params.find(name);
    return it == params.end() ? nullptr : &it->second;
  };
  if (const auto* v = get("axis")) {
    if (*v == "cohort") out.axis = Axis::kCohort;
    else if (*v == "observed") out.axis = Axis::kObserved;
    else return fail(BadValue("axis", "cohort or observed", *v));
  }
  if (const auto* v = get("bucket")) {
    if (!ParseBucket(*v, out.bucket)) return fail(BadValue("bucket", "month, quarter or year", *v));
  }
  if (const auto* v = get("metric")) {
    if (*v == "exclusive") out.metric = Metric::kExclusive;
    else if (*v == "available") out.metric = Metric::kAvailable;
    else return fail(BadValue("metric", "exclusive or available", *v));
  }
  if (const auto* v = get("weight")) {
    out.weight = WeightIndex(*v);
    if (out.weight == kWeightCount) return fail(BadValue("weight", "count, downloads, stars or likes", *v));
  }
  const std::string* source = get("source");
  if (!source) {
    if (configured.size() != 1) {
      return fail({400, "bad_parameter", "source",
                   "source is required when " + std::to_string(configured.size()) + " sources are configured (" +
                       JoinNames(configured) + ")"});
    }
    out.source = configured.front();
    return true;
  }
  if (std::find(known.begin(), known.end(), *source) == known.end()) {
    // An unknown name is a malformed request, not a missing resource: the
    // spec answers every bad parameter with 400 naming it.
    return fail({400, "bad_parameter", "source",
                 "source must be one of " + JoinNames(known) + ", got '" + *source + "'"});
  }
  out.source = *source;
  return true;
}

void RenderError(const QueryError& error, mltrend::QueryResponse& response) {
  mltrend::JsonWriter w;
  w.BeginObject().Key("error").String(error.error);
  if (!error.parameter.empty()) w.Key("parameter").String(error.parameter);
  w.Key("message").String(error.message).EndObject();
  response.status = error.status;
  response.content_type = "application/json";
  response.body = w.Take();
}

}  // namespace framework_share
