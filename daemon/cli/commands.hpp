//===----------------------------------------------------------------------===//
// mltrendd — cli/commands.hpp
//===----------------------------------------------------------------------===//
// The mltrend commands, one function each; main.cpp parses and dispatches.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mltrendd/cli/chart_model.hpp"
#include "mltrendd/cli/socket_client.hpp"

namespace mltrend_cli {

enum ExitCode { kOk = 0, kFailed = 1, kUsageError = 64, kUnavailable = 69 };

//! One command line, parsed: every `--key value` but --socket and --format.
struct Invocation {
  std::string socket;
  std::map<std::string, std::string> options;
  std::string format;  //!< --format, "table" when not given
  std::string positional;                //!< the first positional argument
  std::vector<std::string> positionals;  //!< all of them, in order
};

//! Prints `why` and the usage text to stderr; returns kUsageError.
int Usage(const std::string& why);

//! One GET. On a transport failure prints why and returns false with
//! `exit_code` kUnavailable; any HTTP status is returned in `answer`.
bool Get(const std::string& socket, const std::string& target, mltrendd::SocketAnswer& answer, int& exit_code);
//! One GET that must answer 200; otherwise prints the error and sets `exit_code`.
bool Fetch(const std::string& socket, const std::string& target, std::string& body, int& exit_code);
//! Turns a daemon answer (JSON) into the text a person reads.
using AnswerRenderer = mltrend::Status (*)(const std::string& json, std::string& out);
//! One GET that must answer 200, printed raw (`render` null) or through
//! `render`; the exit code (kFailed when the answer cannot be rendered).
int FetchAndShow(const std::string& socket, const std::string& target, AnswerRenderer render);
//! Writes `text` to `path`, or to stdout when `path` is empty.
int Emit(const std::string& path, const std::string& text);

//! The query options /v1/trends takes (source, axis, bucket, metric,
//! weight, sink, task, library, from, to, evidence, among); false names the first other one
//! in `bad`. Options in `also` (the command's own) are allowed and skipped.
bool CheckTrendsOptions(const std::map<std::string, std::string>& options, std::initializer_list<const char*> also,
                        std::string& bad);
//! "PATH?k=v&..." in key order, values percent-encoded ("PATH" alone when
//! `params` is empty).
std::string Target(std::string_view path, const std::map<std::string, std::string>& params);
//! "/v1/trends?k=v&..." from the trends options of `options`, values
//! percent-encoded; `overrides` replace or add parameters.
std::string TrendsTarget(const std::map<std::string, std::string>& options,
                         const std::map<std::string, std::string>& overrides = {});

//! --top K and --unknown show|hide (chart and report) into `out`; false
//! after printing the usage error, with `exit_code` set.
bool ParseChartOptions(const std::map<std::string, std::string>& options, mltrendd::ChartOptions& out, int& exit_code);

int RunStatus(const Invocation& inv);
int RunTrends(const Invocation& inv);
int RunChart(const Invocation& inv);
int RunCompare(const Invocation& inv);
int RunReport(const Invocation& inv);
int RunExplain(const Invocation& inv);
int RunCoverage(const Invocation& inv);
//! `mltrend unquarantine NAME [--kind source|sink]` (cmd_unquarantine.cpp).
int RunUnquarantine(const Invocation& inv);

}  // namespace mltrend_cli
