// mltrend: the command-line client of mltrendd's query socket.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "commands.hpp"
#include "mltrendd/cli/render.hpp"

namespace mltrend_cli {
namespace {

constexpr const char* kUsage =
    "usage: mltrend [--socket PATH] COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  trends  --source NAME [QUERY OPTIONS] [--format table|csv|json]\n"
    "                                        framework share per period\n"
    "  chart   --source NAME [QUERY OPTIONS] [--top K] [--unknown hide|show]\n"
    "          [--output FILE.svg]           the same series as an SVG stacked-area chart:\n"
    "                                        the top K frameworks (default 5), the rest as\n"
    "                                        \"other\"; unknown hidden (shares of classified)\n"
    "                                        or shown (shares of all, a grey band)\n"
    "  compare --framework NAME [QUERY OPTIONS but --source] [--format table|csv|json]\n"
    "                                        one framework's share in every source, side\n"
    "                                        by side per period\n"
    "  report  [--output FILE.html] [--top K] [--unknown hide|show] [--sink NAME]\n"
    "                                        one self-contained HTML page: per source the\n"
    "                                        cohort chart by quarter, latest shares,\n"
    "                                        exclusive vs available, weighted views; the rules\n"
    "  explain SOURCE NAME [--format json]   why a record counts as it does: the rules its\n"
    "                                        evidence matched (with their grade), its lineage,\n"
    "                                        or why it is unknown\n"
    "  coverage --source NAME [--bucket month|quarter|year] [--format json]\n"
    "                                        records per evidence grade, unknown ones by\n"
    "                                        reason, with counts and downloads\n"
    "  status  [--format text|json]          one screen: the daemon (version, uptime, store\n"
    "                                        size), each source (state, current run's\n"
    "                                        progress, rate-limit budget, next run, last\n"
    "                                        error), each sink (cursor lag, last fold)\n"
    "  sources [--format table|json]         each source's state, last and next run, errors\n"
    "  plugins                               loaded plugins (JSON)\n"
    "  unquarantine NAME [--kind source|sink]\n"
    "                                        start again a source (or sink) quarantined\n"
    "                                        after repeated daemon deaths inside it\n"
    "  get PATH                              any endpoint, raw (e.g. get /healthz,\n"
    "                                        get /metrics for the Prometheus metrics)\n"
    "\n"
    "query options (passed to GET /v1/trends):\n"
    "  --axis cohort|observed  --bucket month|quarter|year  --metric exclusive|available\n"
    "  --weight count|downloads|stars|likes  --task PIPELINE_TAG  --library LIBRARY_NAME\n"
    "  --from PERIOD  --to PERIOD  --sink NAME (picks one when several sinks answer)\n"
    "  --evidence direct,library,lineage (grades counted; default all)\n"
    "  --among pytorch,tensorflow (frameworks asked about; records with none of\n"
    "  them are `outside`, not classified)\n"
    "\n"
    "The socket is --socket, else $MLTREND_SOCKET, else /run/mltrend/mltrend.sock.\n";

//! `mltrend sources`, `plugins`, `get PATH`: one GET, shown as a table or raw.
int RunRaw(const Invocation& inv, const std::string& command) {
  std::string target = "/v1/sources";
  std::string format = inv.format;
  if (command == "plugins") {
    target = "/v1/plugins";
    format = "json";
  } else if (command == "get") {
    if (inv.positional.empty()) return Usage("get needs a PATH");
    target = inv.positional;
    format = "json";
  }
  if (!inv.options.empty()) return Usage(command + " does not take --" + inv.options.begin()->first);
  if (format != "table" && format != "json") return Usage("unknown --format '" + format + "'");
  return FetchAndShow(inv.socket, target, format == "table" ? &mltrendd::RenderSourcesTable : nullptr);
}

}  // namespace

int Usage(const std::string& why) {
  std::fprintf(stderr, "mltrend: %s\n%s", why.c_str(), kUsage);
  return kUsageError;
}

//! `mltrend status`: /v1/status and /v1/sources on one screen.
int RunStatus(const Invocation& inv) {
  if (!inv.positional.empty()) return Usage("status takes no argument");
  if (!inv.options.empty() || (inv.format != "table" && inv.format != "text" && inv.format != "json")) {
    return Usage("status takes only --format text|json");
  }
  std::string status, sources;
  int exit_code = kOk;
  if (!Fetch(inv.socket, "/v1/status", status, exit_code) || !Fetch(inv.socket, "/v1/sources", sources, exit_code)) {
    return exit_code;
  }
  std::string out;
  if (inv.format == "json") {
    out = "{\"status\":" + status + ",\"sources\":" + sources + "}\n";
  } else {
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    mltrend::Status s = mltrendd::RenderStatus(status, sources, now, out);
    if (!s.ok()) {
      std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
      return kFailed;
    }
  }
  std::fputs(out.c_str(), stdout);
  return kOk;
}

}  // namespace mltrend_cli

int main(int argc, char** argv) {
  using namespace mltrend_cli;
  Invocation inv;
  inv.socket = std::getenv("MLTREND_SOCKET") ? std::getenv("MLTREND_SOCKET") : "/run/mltrend/mltrend.sock";
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (i + 1 < args.size() && args[i] == "--socket") {
    inv.socket = args[i + 1];
    i += 2;
  }
  if (i >= args.size()) return Usage("no command given");
  std::string command = args[i++];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return kOk;
  }
  for (; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) {
      if (i + 1 >= args.size()) return Usage("option " + args[i] + " needs a value");
      inv.options[args[i].substr(2)] = args[i + 1];
      ++i;
    } else {
      if (inv.positional.empty()) inv.positional = args[i];
      inv.positionals.push_back(args[i]);
    }
  }
  inv.format = inv.options.count("format") ? inv.options["format"] : "table";
  inv.options.erase("format");

  if (command == "explain") return RunExplain(inv);
  if (command == "coverage") return RunCoverage(inv);
  if (inv.positionals.size() > 1) return Usage("unexpected argument '" + inv.positionals[1] + "'");
  if (command == "status") return RunStatus(inv);
  if (command == "unquarantine") return RunUnquarantine(inv);
  if (command == "trends") return RunTrends(inv);
  if (command == "chart") return RunChart(inv);
  if (command == "compare") return RunCompare(inv);
  if (command == "report") return RunReport(inv);
  if (command == "sources" || command == "plugins" || command == "get") return RunRaw(inv, command);
  return Usage("unknown command '" + command + "'");
}
