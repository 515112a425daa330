//===----------------------------------------------------------------------===//
// framework_share — share_coverage.cpp
//===----------------------------------------------------------------------===//
// `GET /v1/coverage?source=S[&bucket=year]`: how much of a source mltrend
// can classify, by grade, and why the rest is unknown, with counts and
// weights, over the whole source and per cohort period.
#include <algorithm>
#include <map>

#include "share_sink.hpp"
#include "share_trends_query.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::share {
namespace {

void WriteMeasure(mltrend::JsonWriter& out, std::string_view key, const Measure& m) {
  out.Key(key).BeginObject();
  for (size_t w = 0; w < kWeightCount; ++w) out.Key(kWeightNames[w]).Int(m.v[w]);
  out.EndObject();
}

//! The grade split and unknown figures of one tally.
void WriteSplit(mltrend::JsonWriter& out, const Tally& tally, const std::vector<std::string>& frameworks) {
  const Cell cell = Evaluate(tally, View{}, frameworks);
  WriteMeasure(out, "total", cell.total);
  WriteMeasure(out, "classified", cell.classified);
  for (size_t g = 0; g < kGradeCount; ++g) WriteMeasure(out, GradeName(static_cast<Grade>(g + 1)), cell.grades[g]);
  WriteMeasure(out, "unknown", cell.unknown);
}

}  // namespace

void FrameworkShareSink::QueryCoverage(const mltrend::QueryRequest& request, mltrend::QueryResponse& response) {
  QueryError error;
  std::string source;
  auto param = [&](const char* key) { return FindParam(request.params, key); };
  if (!ReadSourceRoute(request.params, {"source", "bucket"}, "/v1/coverage", configured_, KnownSources(false), source,
                       error))
    return RenderError(error, response);
  Bucket bucket = Bucket::kYear;
  if (const std::string* v = param("bucket"); v && !ParseBucket(*v, bucket))
    return RenderError({400, "bad_parameter", "bucket", "bucket must be month, quarter or year, got '" + *v + "'"},
                       response);

  const auto& frameworks = classifier_.Frameworks();
  const Tally totals = cells_.Totals(source);
  // Unknown records by reason text (signatures differing only in a way the
  // text does not show are summed).
  std::map<std::string, Measure> reasons;
  Measure file_lists, header_reads;
  for (const auto& [signature, measure] : totals.entries) {
    if (signature.set != 0) continue;
    reasons[ReasonText(signature, classifier_.Formats())].Add(measure, 1);
    if (signature.file_reason == FileReason::kNoFileList) file_lists.Add(measure, 1);
    if (signature.file_reason == FileReason::kHeaderNotRead) header_reads.Add(measure, 1);
  }
  std::vector<std::pair<std::string, Measure>> ordered(reasons.begin(), reasons.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.second.v[0] > b.second.v[0]; });

  mltrend::JsonWriter out;
  out.BeginObject().Key("source").String(source).Key("rules_version").String(rules_.version);
  out.Key("bucket").String(BucketName(bucket));
  WriteSplit(out, totals, frameworks);
  out.Key("unknown_reasons").BeginArray();
  for (const auto& [reason, measure] : ordered) {
    out.BeginObject().Key("reason").String(reason);
    for (size_t w = 0; w < kWeightCount; ++w) out.Key(kWeightNames[w]).Int(measure.v[w]);
    out.EndObject();
  }
  out.EndArray();
  // What more evidence would reach: unknown records with no file list (the
  // listing's siblings would settle many) and unread safetensors headers.
  out.Key("reachable").BeginObject();
  WriteMeasure(out, "with_file_lists", file_lists);
  WriteMeasure(out, "with_header_reads", header_reads);
  out.EndObject();
  out.Key("periods").BeginArray();
  std::map<std::string, Tally> periods;
  if (const CellTable::Months* months = cells_.Find(source))
    for (const auto& [month, tally] : *months) periods[RollUp(month, bucket)].Merge(tally);
  std::vector<std::string> labels;
  for (const auto& [label, tally] : periods) labels.push_back(label);
  std::stable_sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return PeriodLess(a, b); });
  for (const auto& label : labels) {
    out.BeginObject().Key("period").String(label);
    WriteSplit(out, periods[label], frameworks);
    out.EndObject();
  }
  out.EndArray().EndObject();
  response.status = 200;
  response.content_type = "application/json";
  response.body = out.Take();
}

}  // namespace mltrend::share
