// bash completion for mltrend (packaging/completion/mltrend), run by a real
// bash against the built mltrend: commands, options and values as --help
// describes them, and source and sink names from a running mltrendd.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"

using mltrend_test::FixturePath;

namespace {

//! What the completion offers for `words` (the last one being completed),
//! sorted, one a line. `words[0]` is replaced by the built mltrend.
std::string Complete(std::vector<std::string> words) {
  words[0] = e2e::CliBinary().string();
  std::vector<std::string> argv = {
      "bash", "-c",
      "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _mltrend; "
      "[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' \"${COMPREPLY[@]}\" | sort",
      "bash", FixturePath("../../packaging/completion/mltrend").string()};
  argv.insert(argv.end(), words.begin(), words.end());
  std::string out;
  REQUIRE(mltrend_test::RunCommand(argv, out) == 0);
  return out;
}

}  // namespace

TEST_CASE("bash completion: commands, each command's options and their values, from mltrend --help") {
  CHECK(Complete({"mltrend", ""}) ==
        "--help\n--socket\nchart\ncompare\ncoverage\nexplain\nget\nhelp\nplugins\nreport\nsources\nstatus\ntrends\n"
        "unquarantine\n");
  CHECK(Complete({"mltrend", "co"}) == "compare\ncoverage\n");
  CHECK(Complete({"mltrend", "trends", "--"}) ==
        "--among\n--axis\n--bucket\n--evidence\n--format\n--from\n--library\n--metric\n--sink\n--source\n--task\n"
        "--to\n--weight\n");
  // compare takes the query options "but --source".
  CHECK(Complete({"mltrend", "compare", "--s"}) == "--sink\n");
  CHECK(Complete({"mltrend", "chart", "--"}).find("--unknown\n") != std::string::npos);
  CHECK(Complete({"mltrend", "status", "--"}) == "--format\n");
  CHECK(Complete({"mltrend", "trends", "--bucket", ""}) == "month\nquarter\nyear\n");
  CHECK(Complete({"mltrend", "trends", "--weight", "d"}) == "downloads\n");
  // --format's values are the command's own.
  CHECK(Complete({"mltrend", "trends", "--format", ""}) == "csv\njson\ntable\n");
  CHECK(Complete({"mltrend", "status", "--format", ""}) == "json\ntext\n");
  CHECK(Complete({"mltrend", "chart", "--unknown", ""}) == "hide\nshow\n");
  // A comma list completes its last element.
  CHECK(Complete({"mltrend", "trends", "--evidence", "direct,li"}) == "direct,library\ndirect,lineage\n");
  CHECK(Complete({"mltrend", "--socket", "/nonexistent", "coverage", "--bucket", "y"}) == "year\n");
  // No daemon answers: no names, and no error.
  CHECK(Complete({"mltrend", "--socket", "/nonexistent/mltrend.sock", "trends", "--source", ""}).empty());
}

TEST_CASE("bash completion: --source, --sink and explain's SOURCE are the running daemon's names") {
  e2e::Sandbox box;
  // Nothing listens on port 9: the sources fail and back off; the names are
  // all this test needs.
  box.WriteConfig("http://127.0.0.1:9", FixturePath("huggingface/rules_tags_only.toml"),
                  "\n[[source]]\nname = \"hub-2\"\nplugin = \"huggingface\"\nbase_url = \"http://127.0.0.1:9\"\n");
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  const std::string socket = box.socket.string();
  CHECK(Complete({"mltrend", "--socket", socket, "trends", "--source", ""}) == "hf\nhub-2\n");
  CHECK(Complete({"mltrend", "--socket", socket, "trends", "--source", "hu"}) == "hub-2\n");
  CHECK(Complete({"mltrend", "--socket", socket, "trends", "--sink", ""}) == "trends\n");
  CHECK(Complete({"mltrend", "--socket", socket, "explain", ""}) == "hf\nhub-2\n");
  // $MLTREND_SOCKET is mltrend's own default: the completion finds the daemon through it too.
  std::string out;
  std::vector<std::string> argv = {
      "bash", "-c",
      "source \"$1\"; COMP_WORDS=(\"$2\" coverage --source ''); COMP_CWORD=3; _mltrend; echo \"${COMPREPLY[*]}\"",
      "bash", FixturePath("../../packaging/completion/mltrend").string(), e2e::CliBinary().string()};
  REQUIRE(mltrend_test::RunCommand(argv, out, {{"MLTREND_SOCKET", socket}}) == 0);
  CHECK((out == "hf hub-2\n" || out == "hub-2 hf\n"));
}
