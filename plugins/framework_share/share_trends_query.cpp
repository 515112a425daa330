//===----------------------------------------------------------------------===//
// framework_share — share_trends_query.cpp
//===----------------------------------------------------------------------===//
#include "share_trends_query.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "share_cell.hpp"
#include "share_text.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::share {
namespace {

constexpr std::string_view kParameters[] = {"source", "axis",    "bucket", "metric", "weight", "format",
                                            "task",   "library", "from",   "to",     "evidence", "among"};

QueryError BadValue(const std::string& parameter, std::string_view expected, const std::string& got) {
  return {400, "bad_parameter", parameter,
          parameter + " must be " + std::string(expected) + ", got '" + got + "'"};
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// The spellings a from/to may use with a series of `span`-wide periods.
std::string_view Spellings(Span span) {
  switch (span) {
    case Span::kDay: return "a day, month, quarter or year like 2021-07-15, 2021-07, 2021-Q3 or 2021";
    case Span::kMonth: return "a month, quarter or year like 2021-07, 2021-Q3 or 2021";
    case Span::kQuarter: return "a quarter or year like 2021-Q3 or 2021";
    case Span::kYear: return "a year like 2021";
  }
  return "a period";
}

// Reads from= or to= against a series of `series_span` periods: a spelling
// no finer than the series', so that every period is wholly in or out.
bool ReadBound(const std::string& name, const std::string& value, Span series_span, std::string& day,
               QueryError& error) {
  Span span;
  std::string first, last;
  if (!DatedPeriod(value, span, first, last) || span < series_span) {
    error = BadValue(name, Spellings(series_span), value);
    return false;
  }
  day = name == "from" ? first : last;
  return true;
}

// Reads task= or library=: a non-empty value, compared normalised.
// Filters slice the cohort cells; observed snapshots are whole-source totals.
bool CohortOnly(const std::string& name, Axis axis, QueryError& error) {
  if (axis != Axis::kObserved) return true;
  error = {400, "bad_parameter", name,
           name + " filters the cohort axis only: observed snapshots hold whole-source totals"};
  return false;
}

bool ReadFilter(const std::string& name, const std::string& value, Axis axis, std::optional<std::string>& out,
                QueryError& error) {
  if (!CohortOnly(name, axis, error)) return false;
  std::string normal = NormaliseEvidence(value);
  if (normal.empty()) {
    error = BadValue(name, name == "task" ? "a pipeline tag" : "a library name", value);
    return false;
  }
  out = std::move(normal);
  return true;
}

}  // namespace

std::string_view AxisName(Axis axis) { return axis == Axis::kCohort ? "cohort" : "observed"; }
std::string_view MetricName(Metric metric) { return metric == Metric::kExclusive ? "exclusive" : "available"; }

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    const size_t comma = text.find(',');
    std::string item = NormaliseEvidence(text.substr(0, comma));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) return out;
    text.remove_prefix(comma + 1);
  }
}

namespace {

// evidence=direct,library: the grades whose records count as classified.
bool ReadEvidence(const std::string& value, View& view, QueryError& error) {
  view.grades = 0;
  for (const std::string& name : SplitList(value)) {
    Grade grade;
    if (!ParseGrade(name, grade)) {
      error = BadValue("evidence", "a list of direct, library and lineage", value);
      return false;
    }
    view.grades |= static_cast<uint8_t>(1u << (static_cast<int>(grade) - 1));
  }
  if (view.grades == 0) {
    error = BadValue("evidence", "a list of direct, library and lineage", value);
    return false;
  }
  return true;
}

// among=pytorch,tensorflow: the frameworks each record's set is cut to.
bool ReadAmong(const std::string& value, const std::vector<std::string>& frameworks, View& view, QueryError& error) {
  view.among = 0;
  const std::vector<std::string> names = SplitList(value);
  for (const std::string& name : names) {
    auto it = std::find(frameworks.begin(), frameworks.end(), name);
    if (it == frameworks.end()) {
      error = {400, "bad_parameter", "among",
               "among names '" + name + "', which is no framework of the rules (" + JoinNames(frameworks) + ")"};
      return false;
    }
    view.among |= FrameworkSet{1} << (it - frameworks.begin());
  }
  if (names.empty()) {
    error = BadValue("among", "a list of frameworks", value);
    return false;
  }
  return true;
}

}  // namespace

bool ParseTrendsQuery(const std::map<std::string, std::string>& params, const std::vector<std::string>& configured,
                      const std::vector<std::string>& known, const std::vector<std::string>& frameworks,
                      TrendsQuery& out, QueryError& error) {
  out = TrendsQuery{};
  auto fail = [&](QueryError e) {
    error = std::move(e);
    return false;
  };
  for (const auto& [name, value] : params) {
    if (std::find(std::begin(kParameters), std::end(kParameters), name) == std::end(kParameters)) {
      return fail({400, "bad_parameter", name,
                   "unknown parameter '" + name +
                       "' (expected source, axis, bucket, metric, weight, format, task, library, from, to, evidence or "
                       "among)"});
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
  const bool observed = out.axis == Axis::kObserved;
  out.by_day = observed;
  if (const auto* v = get("bucket")) {
    if (observed && *v == "day") out.by_day = true;
    else if (ParseBucket(*v, out.bucket)) out.by_day = false;
    else return fail(BadValue("bucket", observed ? "day, month, quarter or year" : "month, quarter or year", *v));
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
  if (const auto* v = get("format")) {
    if (*v == "json") out.format = Format::kJson;
    else if (*v == "csv") out.format = Format::kCsv;
    else return fail(BadValue("format", "json or csv", *v));
  }
  if (const auto* v = get("evidence")) {
    if (!CohortOnly("evidence", out.axis, error) || !ReadEvidence(*v, out.view, error)) return false;
    out.evidence = *v;
  }
  if (const auto* v = get("among")) {
    if (!CohortOnly("among", out.axis, error) || !ReadAmong(*v, frameworks, out.view, error)) return false;
    out.among = *v;
  }
  if (const auto* v = get("task"); v && !ReadFilter("task", *v, out.axis, out.filter.task, error)) return false;
  if (const auto* v = get("library"); v && !ReadFilter("library", *v, out.axis, out.filter.library, error))
    return false;
  const Span span = out.by_day ? Span::kDay : SpanOf(out.bucket);
  if (const auto* v = get("from")) {
    if (!ReadBound("from", *v, span, out.from_day, error)) return false;
    out.from = *v;
  }
  if (const auto* v = get("to")) {
    if (!ReadBound("to", *v, span, out.to_day, error)) return false;
    out.to = *v;
  }
  if (!out.from.empty() && !out.to.empty() && out.from_day > out.to_day)
    return fail({400, "bad_parameter", "from", "from " + out.from + " is after to " + out.to});
  return ResolveSource(get("source"), configured, known, out.source, error);
}

bool ResolveSource(const std::string* source, const std::vector<std::string>& configured,
                   const std::vector<std::string>& known, std::string& out, QueryError& error) {
  if (!source) {
    if (configured.size() != 1) {
      error = {400, "bad_parameter", "source",
               "source is required when " + std::to_string(configured.size()) + " sources are configured (" +
                   JoinNames(configured) + ")"};
      return false;
    }
    out = configured.front();
    return true;
  }
  if (std::find(known.begin(), known.end(), *source) == known.end()) {
    // An unknown name is a malformed request, not a missing resource: the
    // spec answers every bad parameter with 400 naming it.
    error = {400, "bad_parameter", "source", "source must be one of " + JoinNames(known) + ", got '" + *source + "'"};
    return false;
  }
  out = *source;
  return true;
}

bool CheckParameters(const std::map<std::string, std::string>& params, std::initializer_list<std::string_view> allowed,
                     std::string_view route, QueryError& error) {
  for (const auto& [name, value] : params) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    error = {400, "bad_parameter", name,
             "unknown parameter '" + name + "' (" + std::string(route) + " takes " + list + ")"};
    return false;
  }
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

const std::string* FindParam(const std::map<std::string, std::string>& params, std::string_view key) {
  auto it = params.find(std::string(key));
  return it == params.end() ? nullptr : &it->second;
}

bool ReadSourceRoute(const std::map<std::string, std::string>& params, std::initializer_list<std::string_view> allowed,
                     std::string_view route, const std::vector<std::string>& configured,
                     const std::vector<std::string>& known, std::string& source, QueryError& error) {
  return CheckParameters(params, allowed, route, error) &&
         ResolveSource(FindParam(params, "source"), configured, known, source, error);
}

}  // namespace mltrend::share
