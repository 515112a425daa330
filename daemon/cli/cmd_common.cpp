//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_common.cpp
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "commands.hpp"
#include "mltrend/http.hpp"
#include "mltrendd/cli/chart_model.hpp"
#include "mltrendd/cli/render.hpp"

namespace mltrend_cli {
namespace {

constexpr const char* kTrendsOptions[] = {"source", "axis",    "bucket", "metric", "weight",   "sink",
                                          "task",   "library", "from",   "to",     "evidence", "among"};

bool IsTrendsOption(const std::string& key) {
  return std::find(std::begin(kTrendsOptions), std::end(kTrendsOptions), key) != std::end(kTrendsOptions);
}

}  // namespace

bool Get(const std::string& socket, const std::string& target, mltrendd::SocketAnswer& answer, int& exit_code) {
  mltrend::Status s = mltrendd::SocketGet(socket, target, answer);
  if (!s.ok()) {
    std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
    exit_code = kUnavailable;
    return false;
  }
  return true;
}

bool Fetch(const std::string& socket, const std::string& target, std::string& body, int& exit_code) {
  mltrendd::SocketAnswer answer;
  if (!Get(socket, target, answer, exit_code)) return false;
  if (answer.status != 200) {
    std::fprintf(stderr, "mltrend: %s: %s (HTTP %d)\n", target.c_str(),
                 mltrendd::ErrorMessageOf(answer.body).c_str(), answer.status);
    exit_code = kFailed;
    return false;
  }
  body = std::move(answer.body);
  return true;
}

int FetchAndShow(const std::string& socket, const std::string& target, AnswerRenderer render) {
  std::string body;
  int exit_code = kOk;
  if (!Fetch(socket, target, body, exit_code)) return exit_code;
  std::string out = body + "\n";
  if (render) {
    mltrend::Status s = render(body, out);
    if (!s.ok()) {
      std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
      return kFailed;
    }
  }
  std::fputs(out.c_str(), stdout);
  return kOk;
}

int Emit(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fputs(text.c_str(), stdout);
    return kOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "mltrend: cannot write %s\n", path.c_str());
    return kFailed;
  }
  return kOk;
}

bool CheckTrendsOptions(const std::map<std::string, std::string>& options, std::initializer_list<const char*> also,
                        std::string& bad) {
  for (const auto& [key, value] : options) {
    if (IsTrendsOption(key)) continue;
    if (std::find_if(also.begin(), also.end(), [&](const char* a) { return key == a; }) != also.end()) continue;
    bad = key;
    return false;
  }
  return true;
}

std::string TrendsTarget(const std::map<std::string, std::string>& options,
                         const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> params;
  for (const auto& [key, value] : options)
    if (IsTrendsOption(key)) params[key] = value;
  for (const auto& [key, value] : overrides) params[key] = value;
  return Target("/v1/trends", params);
}

std::string Target(std::string_view path, const std::map<std::string, std::string>& params) {
  std::string target(path);
  char sep = '?';
  for (const auto& [key, value] : params) {
    target += sep + key + "=" + mltrend::PercentEncode(value);
    sep = '&';
  }
  return target;
}

//! --top and --unknown into `options`; false after printing the usage error.
bool ParseChartOptions(const std::map<std::string, std::string>& options, mltrendd::ChartOptions& out, int& exit_code) {
  if (auto it = options.find("top"); it != options.end()) {
    const std::string& v = it->second;
    if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) < 1) {
      exit_code = Usage("--top must be a whole number from 1 to 999, got '" + v + "'");
      return false;
    }
    out.top = static_cast<size_t>(std::stoi(v));
  }
  if (auto it = options.find("unknown"); it != options.end()) {
    if (it->second != "show" && it->second != "hide") {
      exit_code = Usage("--unknown must be show or hide, got '" + it->second + "'");
      return false;
    }
    out.show_unknown = it->second == "show";
  }
  return true;
}

}  // namespace mltrend_cli
