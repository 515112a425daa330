//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_evidence.cpp
//===----------------------------------------------------------------------===//
// `mltrend explain SOURCE NAME` and `mltrend coverage --source S`.
#include <cstdio>

#include "commands.hpp"
#include "mltrendd/cli/render_evidence.hpp"

namespace mltrend_cli {
namespace {

//! GETs `target` and prints it raw (--format json) or through `render`.
int Show(const Invocation& inv, const std::string& target, AnswerRenderer render) {
  if (inv.format != "table" && inv.format != "text" && inv.format != "json")
    return Usage("unknown --format '" + inv.format + "'");
  return FetchAndShow(inv.socket, target, inv.format == "json" ? nullptr : render);
}

}  // namespace

int RunExplain(const Invocation& inv) {
  if (inv.positionals.size() != 2) return Usage("explain needs SOURCE and NAME (a record's name, or --id ID)");
  for (const auto& [key, value] : inv.options)
    if (key != "sink") return Usage("explain does not take --" + key);
  std::map<std::string, std::string> params = inv.options;  // only --sink, checked above
  params["source"] = inv.positionals[0];
  params["name"] = inv.positionals[1];
  return Show(inv, Target("/v1/explain", params), mltrendd::RenderExplain);
}

int RunCoverage(const Invocation& inv) {
  if (!inv.positionals.empty()) return Usage("coverage takes no argument");
  for (const auto& [key, value] : inv.options)
    if (key != "source" && key != "bucket" && key != "sink") return Usage("coverage does not take --" + key);
  return Show(inv, Target("/v1/coverage", inv.options), mltrendd::RenderCoverage);
}

}  // namespace mltrend_cli
