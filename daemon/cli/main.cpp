// mltrend: the command-line client of mltrendd's query socket.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "mltrend/http.hpp"
#include "mltrendd/cli/render.hpp"
#include "mltrendd/cli/socket_client.hpp"

namespace {

constexpr const char* kUsage =
    "usage: mltrend [--socket PATH] COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  trends  --source NAME [--axis cohort|observed] [--bucket month|quarter|year]\n"
    "          [--metric exclusive|available] [--weight count|downloads|stars|likes]\n"
    "          [--sink NAME] [--format table|csv|json]\n"
    "                                        framework share per period (--sink picks\n"
    "                                        one when several sinks answer trends)\n"
    "  status  [--format text|json]          one screen: the daemon (version, uptime, store\n"
    "                                        size), each source (state, current run's\n"
    "                                        progress, rate-limit budget, next run, last\n"
    "                                        error), each sink (cursor lag, last fold)\n"
    "  sources [--format table|json]         each source's state, last and next run, errors\n"
    "  plugins                               loaded plugins (JSON)\n"
    "  get PATH                              any endpoint, raw (e.g. get /healthz,\n"
    "                                        get /metrics for the Prometheus metrics)\n"
    "\n"
    "The socket is --socket, else $MLTREND_SOCKET, else /run/mltrend/mltrend.sock.\n";

enum ExitCode { kOk = 0, kFailed = 1, kUsageError = 64, kUnavailable = 69 };

int Usage(const std::string& why) {
  std::fprintf(stderr, "mltrend: %s\n%s", why.c_str(), kUsage);
  return kUsageError;
}

//! One GET; on failure prints why and sets `exit_code`.
bool Fetch(const std::string& socket, const std::string& target, std::string& body, int& exit_code) {
  mltrendd::SocketAnswer answer;
  mltrend::Status s = mltrendd::SocketGet(socket, target, answer);
  if (!s.ok()) {
    std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
    exit_code = kUnavailable;
    return false;
  }
  if (answer.status != 200) {
    std::fprintf(stderr, "mltrend: %s: %s (HTTP %d)\n", target.c_str(),
                 mltrendd::ErrorMessageOf(answer.body).c_str(), answer.status);
    exit_code = kFailed;
    return false;
  }
  body = std::move(answer.body);
  return true;
}

//! `mltrend status`: /v1/status and /v1/sources on one screen. `format` is
//! "" when an option other than --format was given.
int RunStatus(const std::string& socket, const std::string& format, const std::string& positional) {
  if (!positional.empty()) return Usage("status takes no argument");
  if (format != "table" && format != "text" && format != "json") return Usage("status takes only --format text|json");
  std::string status, sources;
  int exit_code = kOk;
  if (!Fetch(socket, "/v1/status", status, exit_code) || !Fetch(socket, "/v1/sources", sources, exit_code)) {
    return exit_code;
  }
  std::string out;
  if (format == "json") {
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

}  // namespace

int main(int argc, char** argv) {
  std::string socket = std::getenv("MLTREND_SOCKET") ? std::getenv("MLTREND_SOCKET") : "/run/mltrend/mltrend.sock";
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (i + 1 < args.size() && args[i] == "--socket") {
    socket = args[i + 1];
    i += 2;
  }
  if (i >= args.size()) return Usage("no command given");
  std::string command = args[i++];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return kOk;
  }

  std::map<std::string, std::string> options;
  std::string positional;
  for (; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) {
      if (i + 1 >= args.size()) return Usage("option " + args[i] + " needs a value");
      options[args[i].substr(2)] = args[i + 1];
      ++i;
    } else if (positional.empty()) {
      positional = args[i];
    } else {
      return Usage("unexpected argument '" + args[i] + "'");
    }
  }
  std::string format = options.count("format") ? options["format"] : "table";
  options.erase("format");

  if (command == "status") return RunStatus(socket, options.empty() ? format : "", positional);

  std::string target;
  if (command == "trends") {
    target = "/v1/trends";
    char sep = '?';
    for (const auto& [key, value] : options) {
      if (key != "source" && key != "axis" && key != "bucket" && key != "metric" && key != "weight" &&
          key != "sink")
        return Usage("trends does not take --" + key);
      target += sep + key + "=" + mltrend::PercentEncode(value);
      sep = '&';
    }
  } else if (command == "sources") {
    target = "/v1/sources";
  } else if (command == "plugins") {
    target = "/v1/plugins";
    format = "json";
  } else if (command == "get") {
    if (positional.empty()) return Usage("get needs a PATH");
    target = positional;
    format = "json";
  } else {
    return Usage("unknown command '" + command + "'");
  }
  if (format != "table" && format != "json" && !(format == "csv" && command == "trends")) {
    return Usage("unknown --format '" + format + "'");
  }

  mltrendd::SocketAnswer answer;
  mltrend::Status s = mltrendd::SocketGet(socket, target, answer);
  if (!s.ok()) {
    std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
    return kUnavailable;
  }
  if (answer.status != 200) {
    std::fprintf(stderr, "mltrend: %s (HTTP %d)\n", mltrendd::ErrorMessageOf(answer.body).c_str(), answer.status);
    return kFailed;
  }
  std::string out = answer.body + "\n";
  if (format == "table" && command == "trends") s = mltrendd::RenderTrendsTable(answer.body, out);
  if (format == "csv") s = mltrendd::RenderTrendsCsv(answer.body, out);
  if (format == "table" && command == "sources") s = mltrendd::RenderSourcesTable(answer.body, out);
  if (!s.ok()) {
    std::fprintf(stderr, "mltrend: %s\n", s.message().c_str());
    return kFailed;
  }
  std::fputs(out.c_str(), stdout);
  return kOk;
}
