//===----------------------------------------------------------------------===//
// mltrendd — cli/report_summary.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/report_summary.hpp"

#include <algorithm>
#include <map>

#include "render_detail.hpp"

namespace mltrendd {
namespace {

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

std::string DisplayName(const std::string& framework) {
  static const std::map<std::string, std::string> kNames = {
      {"pytorch", "PyTorch"}, {"tensorflow", "TensorFlow"}, {"jax", "JAX"},     {"keras", "Keras"},
      {"flax", "Flax"},       {"mxnet", "MXNet"},           {"paddlepaddle", "PaddlePaddle"},
      {"mindspore", "MindSpore"}, {"caffe2", "Caffe2"},     {"onnx", "ONNX"}};
  auto it = kNames.find(framework);
  return it == kNames.end() ? framework : it->second;
}

ShareSnapshot LatestShares(const TrendsData& observed, const TrendsData& cohort) {
  ShareSnapshot snap;
  std::map<std::string, double> values;
  if (!observed.rows.empty()) {
    const TrendsRow& last = observed.rows.back();
    snap.label = "observed " + last.period;
    snap.total = last.total;
    snap.classified = last.classified;
    snap.unknown = last.unknown;
    snap.multi = last.multi;
    for (const auto& [name, cell] : last.frameworks) values[name] = cell.value;
  } else {
    snap.label = "all records in the store (no observed history yet)";
    for (const TrendsRow& row : cohort.rows) {
      snap.total += row.total;
      snap.classified += row.classified;
      snap.unknown += row.unknown;
      snap.multi += row.multi;
      for (const auto& [name, cell] : row.frameworks) values[name] += cell.value;
    }
  }
  for (const auto& [name, value] : values)
    snap.frameworks.push_back({name, value, Ratio(value, static_cast<double>(snap.classified))});
  std::stable_sort(snap.frameworks.begin(), snap.frameworks.end(),
                   [](const ShareLine& a, const ShareLine& b) { return a.value > b.value; });
  return snap;
}

std::vector<ExclusiveAvailable> CompareExclusiveAvailable(const TrendsData& exclusive, const TrendsData& available) {
  double classified = 0;
  std::map<std::string, ExclusiveAvailable> by_name;
  for (const TrendsRow& row : exclusive.rows) {
    classified += static_cast<double>(row.classified);
    for (const auto& [name, cell] : row.frameworks) by_name[name].exclusive += cell.value;
  }
  for (const TrendsRow& row : available.rows)
    for (const auto& [name, cell] : row.frameworks) by_name[name].available += cell.value;
  std::vector<ExclusiveAvailable> out;
  for (auto& [name, line] : by_name) {
    line.framework = name;
    line.exclusive = Ratio(line.exclusive, classified);
    line.available = Ratio(line.available, classified);
    out.push_back(line);
  }
  std::stable_sort(out.begin(), out.end(), [](const ExclusiveAvailable& a, const ExclusiveAvailable& b) {
    return a.available > b.available;
  });
  return out;
}

std::string ExclusiveAvailableSentence(const std::vector<ExclusiveAvailable>& lines) {
  if (lines.size() < 2) return "";
  auto find = [&](const char* name) {
    return std::find_if(lines.begin(), lines.end(), [&](const ExclusiveAvailable& l) { return l.framework == name; });
  };
  const ExclusiveAvailable* first = &lines[0];
  const ExclusiveAvailable* second = &lines[1];
  if (find("pytorch") != lines.end() && find("tensorflow") != lines.end()) {
    first = &*find("pytorch");
    second = &*find("tensorflow");
  }
  using render_detail::Percent;
  return DisplayName(first->framework) + "-exclusive " + Percent(first->exclusive) + " / available for " +
         DisplayName(second->framework) + " " + Percent(second->available) + " / " +
         DisplayName(second->framework) + "-exclusive " + Percent(second->exclusive);
}

}  // namespace mltrendd
