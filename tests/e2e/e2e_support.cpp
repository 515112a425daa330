#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
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

void Sandbox::CrawlOnce() {
  std::string err;
  const int status = RunDaemon({"--once"}, &err);
  INFO(err);
  REQUIRE(status == 0);
}

void CheckCoverageMatches(simdjson::dom::element coverage, simdjson::dom::element expected) {
  for (const char* key : {"total", "classified", "direct", "library", "lineage", "unknown"})
    for (const char* weight : {"count", "downloads"}) {
      INFO(key << " " << weight);
      const std::string pointer = std::string("/") + key + "/" + weight;
      CHECK(IntAt(coverage, pointer) == IntAt(expected, pointer));
    }
  std::map<std::string, int64_t> reasons, expected_reasons;
  for (simdjson::dom::element r : coverage["unknown_reasons"].get_array())
    reasons[std::string(std::string_view(r["reason"]))] = int64_t(r["count"]);
  for (auto [reason, m] : expected["unknown_reasons"].get_object())
    expected_reasons[std::string(reason)] = int64_t(m["count"]);
  CHECK(reasons == expected_reasons);
}

simdjson::dom::element LoadJson(simdjson::dom::parser& parser, const std::filesystem::path& file) {
  simdjson::dom::element doc;
  if (parser.load(file.string()).get(doc) != simdjson::SUCCESS) throw std::runtime_error("bad JSON in " + file.string());
  return doc;
}

std::string NthTarget(const std::filesystem::path& dir, int n) {
  std::ifstream in(dir / "exchanges.jsonl");
  std::string line;
  for (int i = 0; i < n; ++i) REQUIRE(std::getline(in, line));
  simdjson::dom::parser parser;
  std::string_view target;
  REQUIRE(parser.parse(line).at_key("target").get(target) == simdjson::SUCCESS);
  return std::string(target);
}

std::string LoadListingHangingAt(mltrend_test::ReplayServer& replay, int n) {
  const auto pages = mltrend_test::BuildPath("e2e/hf_listing_pages");
  mltrend_test::Exchange hang;
  hang.target = NthTarget(pages, n);
  hang.behaviour = mltrend_test::Exchange::Behaviour::kNeverAnswer;
  replay.Add(hang);
  replay.LoadDirectory(pages);
  return hang.target;
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

int64_t FrameworkValue(simdjson::dom::element point, const std::string& framework) {
  simdjson::dom::element value;
  if (point.at_pointer("/frameworks/" + framework + "/value").get(value) != simdjson::SUCCESS) return 0;
  return IntAt(value, "");
}

int64_t CheckSeriesMatches(simdjson::dom::element trends, simdjson::dom::element expected, const std::string& metric) {
  simdjson::dom::object periods;
  REQUIRE(expected.at_pointer("/periods").get(periods) == simdjson::SUCCESS);
  simdjson::dom::array series;
  REQUIRE(trends.at_pointer("/series").get(series) == simdjson::SUCCESS);
  std::set<std::string> served;
  int64_t total = 0;
  for (simdjson::dom::element point : series) {
    std::string_view period_view;
    REQUIRE(point.at_pointer("/period").get(period_view) == simdjson::SUCCESS);
    std::string period(period_view);
    INFO("period " << period << ", metric " << metric);
    served.insert(period);
    simdjson::dom::element want;
    REQUIRE(periods.at_key(period).get(want) == simdjson::SUCCESS);
    for (const char* key : {"total", "classified", "unknown", "multi"}) {
      INFO(key);
      CHECK(IntAt(point, std::string("/") + key) == IntAt(want, std::string("/") + key));
    }
    total += IntAt(point, "/total");
    simdjson::dom::object frameworks;
    REQUIRE(want.at_pointer("/frameworks").get(frameworks) == simdjson::SUCCESS);
    for (auto [name, counts] : frameworks) {
      INFO("framework " << name);
      CHECK(FrameworkValue(point, std::string(name)) == IntAt(counts, "/" + metric));
    }
  }
  for (auto [period, counts] : periods) {
    INFO("period " << period << " of the independent count");
    CHECK(served.count(std::string(period)) == 1);
  }
  return total;
}

std::filesystem::path ShippedRules() { return mltrend_test::FixturePath("../../config/rules/frameworks.toml"); }

std::filesystem::path DaemonBinary() { return mltrend_test::BuildPath("bin/mltrendd"); }
std::filesystem::path CliBinary() { return mltrend_test::BuildPath("bin/mltrend"); }

CrawledListing::CrawledListing(const std::string& extra_config) {
  replay.LoadDirectory(mltrend_test::BuildPath("e2e/hf_listing_pages"));
  replay.Start();
  box.WriteConfig(replay.BaseUrl(), mltrend_test::FixturePath("huggingface/rules_tags_only.toml"), extra_config);
  once_status = box.RunDaemon({"--once"}, &once_stderr);
}

RecordedSources::RecordedSources() {
  const auto tool = [](const std::string& script) {
    return mltrend_test::FixturePath("../tools/" + script).string();
  };
  std::string out;
  REQUIRE(mltrend_test::RunCommand(
              {"python3", tool("pwc_csv_to_dump.py"),
               mltrend_test::FixturePath("paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz").string(),
               dump.string(), "--gzip"},
              out) == 0);
  REQUIRE(mltrend_test::RunCommand(
              {"python3", tool("github_csv_to_search_pages.py"),
               mltrend_test::FixturePath("github/github_search_repos_by_ml_topic_2024-10.csv.gz").string(), "--out",
               (dir / "github_pages").string(), "--search-limit", "100000"},
              out) == 0);
  hub.LoadDirectory(mltrend_test::BuildPath("e2e/hf_listing_pages"));
  hub.Start();
  github.LoadDirectory(dir / "github_pages");
  github.Start();
}

std::string RecordedSources::PwcAndGithubSources() const {
  return "\n[[source]]\nname = \"pwc\"\nplugin = \"paperswithcode\"\ninterval = \"6h\"\njitter = \"0s\"\n"
         "links = \"" + dump.string() + "\"\n"
         "\n[[source]]\nname = \"gh\"\nplugin = \"github\"\ninterval = \"6h\"\njitter = \"0s\"\n"
         "base_url = \"" + github.BaseUrl() + "\"\ncreated_until = \"2024-10-31\"\n"
         "queries = [\"topic:python\", \"topic:machine-learning\", \"topic:ai\", \"topic:data-science\", "
         "\"topic:api\"]\n";
}

}  // namespace e2e
