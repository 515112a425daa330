//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_evidence.cpp
//===----------------------------------------------------------------------===//
// `mltrend explain SOURCE NAME` and `mltrend coverage --source S`.
#include <cstdio>

#include "commands.hpp"
#include "mltrend/http.hpp"
#include "mltrendd/cli/render_evidence.hpp"

namespace mltrend_cli {
namespace {

//! GETs `target` and prints it raw (--format json) or through `render`.
int Show(const Invocation& inv, const std::string& target,
         mltrend::Status (*render)(const std::string&, std::string&)) {
  if (inv.format != "table" && inv.format != "text" && inv.format != "json")
    return Usage("unknown --format '" + inv.format + "'");
  std::string body;
  int exit_code = kOk;
  if (!Fetch(inv.socket, target, body, exit_code)) return exit_code;
  std::string out = body + "\n";
  if (inv.format != "json") {
    mltrend::Status s = render(body, out);
    if (!s.ok()) {
      std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
      return kFailed;
    }
  }
  std::fputs(out.c_str(), stdout);
  return kOk;
}

std::string Param(const char* key, const std::string& value) {
  return std::string(key) + "=" + mltrend::PercentEncode(value);
}

}  // namespace

int RunExplain(const Invocation& inv) {
  if (inv.positionals.size() != 2) return Usage("explain needs SOURCE and NAME (a record's name, or --id ID)");
  for (const auto& [key, value] : inv.options)
    if (key != "sink") return Usage("explain does not take --" + key);
  std::string target = "/v1/explain?" + Param("source", inv.positionals[0]) + "&" + Param("name", inv.positionals[1]);
  if (auto it = inv.options.find("sink"); it != inv.options.end()) target += "&" + Param("sink", it->second);
  return Show(inv, target, mltrendd::RenderExplain);
}

int RunCoverage(const Invocation& inv) {
  if (!inv.positionals.empty()) return Usage("coverage takes no argument");
  std::string target = "/v1/coverage";
  char sep = '?';
  for (const auto& [key, value] : inv.options) {
    if (key != "source" && key != "bucket" && key != "sink") return Usage("coverage does not take --" + key);
    target += sep + Param(key.c_str(), value);
    sep = '&';
  }
  return Show(inv, target, mltrendd::RenderCoverage);
}

}  // namespace mltrend_cli
