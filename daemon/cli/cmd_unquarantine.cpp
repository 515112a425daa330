//===----------------------------------------------------------------------===//
// mltrendd — cli/cmd_unquarantine.cpp
//===----------------------------------------------------------------------===//
// `mltrend unquarantine NAME [--kind source|sink]`: clears the quarantine of
// a plugin instance (runtime/plugin_guard.hpp) so the daemon starts it again.
#include <cstdio>

#include "commands.hpp"
#include "mltrendd/cli/render.hpp"

namespace mltrend_cli {

int RunUnquarantine(const Invocation& inv) {
  if (inv.positional.empty()) return Usage("unquarantine needs the NAME of a source or sink");
  std::string kind = "source";
  for (const auto& [key, value] : inv.options) {
    if (key != "kind") return Usage("unquarantine does not take --" + key);
    if (value != "source" && value != "sink") return Usage("--kind is source or sink, not '" + value + "'");
    kind = value;
  }
  if (inv.format != "table") return Usage("unquarantine does not take --format");
  // Source and sink names are apart: without --kind a name no source has is
  // tried as a sink.
  mltrendd::SocketAnswer answer;
  for (const std::string& k : inv.options.count("kind") ? std::vector<std::string>{kind}
                                                         : std::vector<std::string>{"source", "sink"}) {
    const std::string target = "/v1/" + k + "s/" + inv.positional + "/unquarantine";
    mltrend::Status s = mltrendd::SocketRequest(inv.socket, "POST", target, answer);
    if (!s.ok()) {
      std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
      return kUnavailable;
    }
    if (answer.status == 200) {
      std::printf("%s %s: quarantine cleared; the daemon starts it again\n", k.c_str(), inv.positional.c_str());
      return kOk;
    }
    if (answer.status != 404) break;
  }
  std::fprintf(stderr, "mltrend: %s (HTTP %d)\n", mltrendd::ErrorMessageOf(answer.body).c_str(), answer.status);
  return kFailed;
}

}  // namespace mltrend_cli
