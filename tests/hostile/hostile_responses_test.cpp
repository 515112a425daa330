//===----------------------------------------------------------------------===//
// tests/hostile — hostile_responses_test.cpp
//===----------------------------------------------------------------------===//
// The bad-server-response corpus (tests/fixtures/hostile) against the real
// daemon: every case is one source with its own replay server, all of a
// daemon's cases crawl at once, and each ends as cases.jsonl says: the good
// page before the bad one committed, nothing of the bad one, the daemon still
// answering, and /v1/sources naming the problem.
#include <catch2/catch.hpp>

#include <csignal>
#include <ctime>
#include <map>
#include <memory>

#include "e2e_support.hpp"

namespace fs = std::filesystem;
using e2e::GetJson;
using e2e::IntAt;

namespace {

//! One line of cases.jsonl: a source and how its run must end.
struct Case {
  std::string name;
  std::string plugin;
  bool ok = false;
  int64_t records = 0;
  int64_t rejected = 0;
  std::vector<std::string> error;  //!< substrings of last_error
  int64_t retry_after = 0;         //!< the server's wait: next_run this long after the run ended (±1 s)
  int64_t daemon = 1;              //!< cases with the same number share a daemon
  std::unique_ptr<mltrend_test::ReplayServer> server;
};

std::vector<Case> LoadCases(const fs::path& file) {
  std::vector<Case> cases;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  const std::string text = mltrend_test::ReadFile(file);
  REQUIRE(parser.parse_many(text).get(stream) == simdjson::SUCCESS);
  for (auto doc : stream) {
    simdjson::dom::element e;
    REQUIRE(doc.get(e) == simdjson::SUCCESS);
    Case c;
    c.name = std::string(e["case"].get_string().value());
    c.plugin = std::string(e["plugin"].get_string().value());
    c.ok = e["ok"].get_bool().value();
    c.records = e["records"].get_int64().value();
    if (auto v = e["rejected"].get_int64(); !v.error()) c.rejected = v.value();
    if (auto v = e["retry_after"].get_int64(); !v.error()) c.retry_after = v.value();
    if (auto v = e["daemon"].get_int64(); !v.error()) c.daemon = v.value();
    if (auto list = e["error"].get_array(); !list.error())
      for (auto s : list.value()) c.error.emplace_back(s.get_string().value());
    cases.push_back(std::move(c));
  }
  return cases;
}

//! One-record pages in each source's shape, the record carrying `field`
//! (a key and its JSON value) besides its id and name.
std::string HfPage(const std::string& field) {
  return "[{\"_id\":\"h3\",\"id\":\"org/gamma\",\"downloads\":10," + field + "}]";
}
std::string GhPage(const std::string& field) {
  return "{\"total_count\":4,\"incomplete_results\":false,\"items\":[{\"id\":103,\"full_name\":\"org/jaxy\"," + field +
         "}]}";
}
std::string PwcPage(const std::string& field) {
  return "{\"count\":4,\"next\":null,\"results\":[{\"id\":\"paper-three\"," + field + "}]}";
}

//! The bodies too big to keep as files: 100,000 nested arrays (a whole page,
//! or one field of an otherwise good record) and one 10 MB string field.
void WriteGeneratedBodies(const fs::path& dir) {
  fs::create_directories(dir);
  const size_t depth = 100000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  const std::string huge = "\"" + std::string(10u << 20, 'x') + "\"";
  mltrend_test::WriteFile(dir / "deep_array.json", deep);
  mltrend_test::WriteFile(dir / "gh_deep_field.json", GhPage("\"license\":" + deep));
  mltrend_test::WriteFile(dir / "pwc_deep_field.json", PwcPage("\"tasks\":" + deep + ",\"title\":\"T\""));
  mltrend_test::WriteFile(dir / "hf_huge_field.json", HfPage("\"pipeline_tag\":" + huge));
  mltrend_test::WriteFile(dir / "gh_huge_field.json", GhPage("\"language\":" + huge));
  mltrend_test::WriteFile(dir / "pwc_huge_field.json", PwcPage("\"title\":" + huge));
}

std::string SourceTable(const Case& c) {
  std::string t = "\n[[source]]\nname = \"" + c.name + "\"\nplugin = \"" + c.plugin +
                  "\"\ninterval = \"6h\"\njitter = \"0s\"\nbackoff_initial = \"10m\"\nbackoff_max = \"2h\"\n";
  const std::string url = c.server->BaseUrl();
  if (c.plugin == "huggingface") return t + "base_url = \"" + url + "\"\nlimit = 2\nexpand = []\n";
  if (c.plugin == "github")
    return t + "base_url = \"" + url + "\"\nqueries = [\"topic:x\"]\nper_page = 2\ncreated_until = \"2024-10-31\"\n";
  return t + "api_base_url = \"" + url + "\"\n";
}

int64_t Epoch(std::string_view iso) {
  std::tm tm{};
  const std::string text(iso);
  REQUIRE(strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) != nullptr);
  return static_cast<int64_t>(timegm(&tm));
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

//! Waits until every source has logged the end of its first run, then
//! until /v1/sources shows none running: the scheduler records the next
//! run on its event loop just after the run's last log line.
void WaitForRuns(const mltrend_test::ChildProcess& daemon, const fs::path& socket, size_t sources) {
  const auto ended = [&](const std::string& log) {
    return Count(log, "] run finished: ") + Count(log, "] run failed: ") >= sources;
  };
  REQUIRE(daemon.WaitForStderr(ended, std::chrono::minutes(3)));
  CHECK(Count(daemon.Stderr(), "] run finished: ") + Count(daemon.Stderr(), "] run failed: ") == sources);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    simdjson::dom::parser parser;
    auto doc = GetJson(parser, socket, "/v1/sources");
    size_t done = 0;
    for (auto s : doc["sources"].get_array()) {
      if (IntAt(s, "/runs") >= 1 && std::string_view(s["state"].get_string().value()) != "running") ++done;
    }
    if (done == sources) return;
    INFO(done << " of " << sources << " sources show their run ended");
    REQUIRE(std::chrono::steady_clock::now() < deadline);
  }
}

void CheckCase(const Case& c, simdjson::dom::element s) {
  INFO("case " << c.name << ": " << simdjson::minify(s));
  CHECK(IntAt(s, "/runs") == 1);
  CHECK(s["last_run_ok"].get_bool().value() == c.ok);
  CHECK(IntAt(s, "/records") == c.records);
  CHECK(IntAt(s, "/run/rejected") == c.rejected);
  std::string_view error;
  if (c.ok) {
    CHECK(s["last_error"].is_null());
    return;
  }
  REQUIRE(s["last_error"].get_string().get(error) == simdjson::SUCCESS);
  for (const std::string& part : c.error) {
    INFO("last_error should contain: " << part);
    CHECK(error.find(part) != std::string_view::npos);
  }
  CHECK(error.find('\n') == std::string_view::npos);
  CHECK(std::string_view(s["state"].get_string().value()) == "backoff");
  // Without a server wait the 10-minute backoff_initial applies. Both times
  // are whole seconds read from two clock readings (and a reset epoch is
  // turned into a wait against the server's clock): one second either way.
  const int64_t wait = c.retry_after > 0 ? c.retry_after : 600;
  const int64_t waited = Epoch(s["next_run"].get_string().value()) - Epoch(s["last_run_end"].get_string().value());
  CHECK(waited >= wait - 1);
  CHECK(waited <= wait + 1);
}

void RunDaemon(std::vector<Case*> cases) {
  e2e::Sandbox box;
  std::string text = "[daemon]\nstate_dir = \"" + (box.dir / "state").string() + "\"\nsocket = \"" +
                     box.socket.string() + "\"\nplugin_dir = \"" +
                     mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                     "\"\nlog_level = \"info\"\nhttp_timeout = \"4s\"\n"
                     "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\nrules = \"" +
                     e2e::ShippedRules().string() + "\"\n";
  for (Case* c : cases) text += SourceTable(*c);
  mltrend_test::WriteFile(box.config, text);

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}, {"GITHUB_TOKEN", ""}, {"HF_TOKEN", ""}});
  INFO(daemon.Stderr());
  REQUIRE(notify.WaitFor("READY=1"));
  WaitForRuns(daemon, box.socket, cases.size());

  simdjson::dom::parser parser;
  auto doc = GetJson(parser, box.socket, "/v1/sources");
  std::map<std::string, simdjson::dom::element> by_name;
  for (auto s : doc["sources"].get_array()) by_name[std::string(s["name"].get_string().value())] = s;
  for (const Case* c : cases) {
    REQUIRE(by_name.count(c->name) == 1);
    CheckCase(*c, by_name[c->name]);
  }
  // Still up and answering after every one of them.
  CHECK(e2e::Get(box.socket, "/healthz").status == 200);
  for (const Case* c : cases) {
    INFO("trends of " << c->name);
    CHECK(e2e::Get(box.socket, "/v1/trends?source=" + c->name + "&bucket=year").status == 200);
  }
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

}  // namespace

TEST_CASE("the hostile-response corpus: each bad answer fails or skips exactly what is bad, the daemon stays up") {
  mltrend_test::TempDir work;
  const fs::path corpus = work / "hostile";
  fs::copy(mltrend_test::FixturePath("hostile"), corpus, fs::copy_options::recursive);
  WriteGeneratedBodies(corpus / "generated");

  // Where a Link to "another host" points: localhost is another host name
  // than the 127.0.0.1 every base_url uses, and a request that got here
  // anyway would be counted.
  mltrend_test::ReplayServer evil;
  evil.Start();
  const std::string evil_url = "http://localhost:" + std::to_string(evil.Port());

  std::vector<Case> cases = LoadCases(corpus / "cases.jsonl");
  // 52 hostile answers and a good control per plugin (README, Reliability).
  REQUIRE(cases.size() == 55);
  std::map<int64_t, std::vector<Case*>> daemons;
  for (Case& c : cases) {
    const fs::path exchanges = corpus / c.name / "exchanges.jsonl";
    mltrend_test::WriteFile(exchanges,
                            mltrend_test::ReplaceAll(mltrend_test::ReadFile(exchanges), "{{evil_base_url}}", evil_url));
    c.server = std::make_unique<mltrend_test::ReplayServer>();
    c.server->LoadDirectory(corpus / c.name);
    c.server->Start();
    daemons[c.daemon].push_back(&c);
  }
  for (auto& [number, group] : daemons) {
    INFO("daemon " << number);
    RunDaemon(group);
  }
  CHECK(evil.Requests().empty());
}
