#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

namespace e2e {

void Sandbox::WriteConfig(const std::string& base_url, const std::filesystem::path& rules, const std::string& extra) {
  std::string text = "[daemon]\n"
                     "state_dir = \"" + (dir / "state").string() + "\"\n"
                     "socket = \"" + socket.string() + "\"\n"
                     "plugin_dir = \"" + mltrend_test::BuildPath("lib/mltrend/plugins").string() + "\"\n"
                     "log_level = \"info\"\n"
                     "\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\ninterval = \"6h\"\njitter = \"0s\"\n"
                     "base_url = \"" + base_url + "\"\n"
                     "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\n"
                     "rules = \"" + rules.string() + "\"\n" + extra;
  mltrend_test::WriteFile(config, text);
}

int Sandbox::RunDaemon(const std::vector<std::string>& args, std::string* err) {
  std::vector<std::string> argv = {DaemonBinary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--config");
  argv.push_back(config.string());
  mltrend_test::ChildProcess child(argv);
  int status = child.Wait();
  if (err) *err = child.Stderr();
  return status;
}

simdjson::dom::element LoadJson(simdjson::dom::parser& parser, const std::filesystem::path& file) {
  simdjson::dom::element doc;
  if (parser.load(file.string()).get(doc) != simdjson::SUCCESS) throw std::runtime_error("bad JSON in " + file.string());
  return doc;
}

mltrendd::SocketAnswer Get(const std::filesystem::path& socket, const std::string& target) {
  mltrendd::SocketAnswer answer;
  auto s = mltrendd::SocketGet(socket, target, answer);
  INFO(s.message());
  REQUIRE(s.ok());
  return answer;
}

simdjson::dom::element GetJson(simdjson::dom::parser& parser, const std::filesystem::path& socket,
                               const std::string& target) {
  auto answer = Get(socket, target);
  INFO(target << " answered " << answer.body);
  REQUIRE(answer.status == 200);
  simdjson::dom::element doc;
  REQUIRE(parser.parse(answer.body).get(doc) == simdjson::SUCCESS);
  return doc;
}

int64_t IntAt(simdjson::dom::element e, std::string_view pointer) {
  int64_t v = -1;
  if (e.at_pointer(pointer).get(v) != simdjson::SUCCESS) {
    double d = -1;
    INFO("no number at " << pointer);
    REQUIRE(e.at_pointer(pointer).get(d) == simdjson::SUCCESS);
    v = static_cast<int64_t>(d);
  }
  return v;
}

std::filesystem::path DaemonBinary() { return mltrend_test::BuildPath("bin/mltrendd"); }
std::filesystem::path CliBinary() { return mltrend_test::BuildPath("bin/mltrend"); }

}  // namespace e2e
