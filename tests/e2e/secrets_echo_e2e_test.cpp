// Servers that echo the token back: in a 401 or 500 body, in a redirect's
// Location to the same and to another origin, and in a redirect URL's query
// string. The daemon redacts every known secret wherever it keeps a
// server's text (secrets/secrets.hpp), refuses to follow a Location that
// carries one, and so the tokens appear in no log line (at debug level), no
// last_error, no /v1/* answer and no /metrics; where the server's text was
// kept, the marker <redacted> stands in its place.
#include <catch2/catch.hpp>

#include <csignal>
#include <map>

#include "e2e_support.hpp"

using e2e::Get;

namespace {

constexpr const char* kHfToken = "hf_ECHOEDtokenVALUE1234567890";
constexpr const char* kGitHubToken = "ghp_ECHOEDgithubTOKEN0987654321";

const std::string kHfFirst = "/api/models?limit=2";
const std::string kGhFirst = "/search/repositories?q=topic%3Ax&per_page=2";
const std::string kPwcFirst =
    "/papers/?order_by=date_published&order_dir=desc&include_resources=true&page_size=100&page=1";

mltrend_test::Exchange Answer(const std::string& target, int status,
                              std::vector<std::pair<std::string, std::string>> headers, std::string body) {
  mltrend_test::Exchange e;
  e.target = target;
  e.status = status;
  e.headers = std::move(headers);
  e.body = std::move(body);
  return e;
}

//! One source of the test: its server, its [[source]] table and the exact
//! last_error its run must end with ("{{base}}" stands for its base URL,
//! "{{other}}" for the other origin's).
struct EchoCase {
  std::string name, plugin, error;
  mltrend_test::ReplayServer server;
};

std::string Table(const EchoCase& c) {
  std::string t = "\n[[source]]\nname = \"" + c.name + "\"\nplugin = \"" + c.plugin +
                  "\"\ninterval = \"6h\"\njitter = \"0s\"\nbackoff_initial = \"10m\"\n";
  const std::string url = c.server.BaseUrl();
  if (c.plugin == "huggingface") return t + "base_url = \"" + url + "\"\nlimit = 2\nexpand = []\n";
  if (c.plugin == "github")
    return t + "base_url = \"" + url + "\"\nqueries = [\"topic:x\"]\nper_page = 2\ncreated_until = \"2024-10-31\"\n";
  return t + "api_base_url = \"" + url + "\"\n";
}

}  // namespace

TEST_CASE("a token a server echoes is redacted from logs, last_error, /v1/* and /metrics") {
  // Where a Location to another origin points: localhost is another origin
  // than the 127.0.0.1 of every base_url; a request arriving here would
  // mean the token travelled to it.
  mltrend_test::ReplayServer other;
  other.Start();
  const std::string other_url = "http://localhost:" + std::to_string(other.Port());
  const std::string hf = kHfToken, gh = kGitHubToken;
  const std::string json = "application/json";

  std::map<std::string, EchoCase> cases;
  auto add = [&](const std::string& name, const std::string& plugin, mltrend_test::Exchange e, std::string error) {
    EchoCase& c = cases[name];
    c.name = name;
    c.plugin = plugin;
    c.error = std::move(error);
    c.server.Add(std::move(e));
    c.server.Start();
  };
  // A 401 whose body quotes the token: GitHub keeps the body in its error.
  add("gh_401", "github",
      Answer(kGhFirst, 401, {{"Content-Type", json}}, R"({"message":"Bad credentials: )" + gh + R"( is revoked"})"),
      "GET {{base}}" + kGhFirst + R"( answered HTTP 401: {"message":"Bad credentials: <redacted> is revoked"})");
  // The same from the Hub: every source keeps the start of the body now.
  add("hf_401", "huggingface", Answer(kHfFirst, 401, {{"Content-Type", json}}, R"({"error":")" + hf + R"("})"),
      "GET {{base}}" + kHfFirst + R"( answered HTTP 401: {"error":"<redacted>"})");
  // A 500 whose body quotes both tokens, the last one across byte 200:
  // every source keeps the first 200 bytes, which would have held the
  // token's first 10 characters had the body not been redacted whole first.
  const std::string pad(99, 'x');
  add("pwc_500", "paperswithcode",
      Answer(kPwcFirst, 500, {{"Content-Type", "text/plain"}},
             "internal error for " + hf + " and token=" + gh + " " + pad + hf + " trailing text"),
      "GET {{base}}" + kPwcFirst + " answered HTTP 500: internal error for <redacted> and token=<redacted> " + pad +
          "<redacted> trailing text");
  // Redirects whose Location carries the token: same origin (path), another
  // origin (path), and a relative URL with the token in its query string.
  add("hf_location_same", "huggingface", Answer(kHfFirst, 302, {{"Location", "{{base_url}}/t/" + hf}}, ""),
      "GET {{base}}" + kHfFirst + " answered 302 with a Location carrying a secret ({{base}}/t/<redacted>); not following it");
  add("hf_location_other", "huggingface",
      Answer(kHfFirst, 307, {{"Location", other_url + "/collect/" + hf}}, ""),
      "GET {{base}}" + kHfFirst + " answered 307 with a Location carrying a secret ({{other}}/collect/<redacted>); not following it");
  add("gh_location_query", "github",
      Answer(kGhFirst, 301, {{"Location", kGhFirst + "&access_token=" + gh}}, ""),
      "GET {{base}}" + kGhFirst + " answered 301 with a Location carrying a secret (" + kGhFirst +
          "&access_token=<redacted>); not following it");

  e2e::Sandbox box;
  std::string config = "[daemon]\nstate_dir = \"" + (box.dir / "state").string() + "\"\nsocket = \"" +
                       box.socket.string() + "\"\nplugin_dir = \"" +
                       mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                       // Debug: whatever is logged there is checked too.
                       "\"\nlog_level = \"debug\"\n"
                       "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\nrules = \"" +
                       e2e::ShippedRules().string() + "\"\n";
  for (const auto& [name, c] : cases) config += Table(c);
  mltrend_test::WriteFile(box.config, config);
  // HF_TOKEN from the environment, GITHUB_TOKEN as a systemd credential.
  const auto credentials = box.dir / "credentials";
  std::filesystem::create_directories(credentials);
  mltrend_test::WriteFile(credentials / "GITHUB_TOKEN", gh + "\n");

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()},
                                     {"HF_TOKEN", hf},
                                     {"CREDENTIALS_DIRECTORY", credentials.string()}});
  REQUIRE(notify.WaitFor("READY=1"));
  for (auto& [name, c] : cases) {
    INFO(name);
    REQUIRE(c.server.WaitForRequests(1, std::chrono::seconds(60)));
    const std::string token = c.plugin == "github" ? gh : c.plugin == "huggingface" ? hf : "";
    CHECK(c.server.Requests()[0].Header("Authorization") == (token.empty() ? "" : "Bearer " + token));
  }

  // Every source's failure is in /v1/sources once its run ended.
  simdjson::dom::parser parser;
  std::map<std::string, std::string> errors;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (errors.size() < cases.size()) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    errors.clear();
    auto doc = e2e::GetJson(parser, box.socket, "/v1/sources");
    for (auto s : doc["sources"].get_array()) {
      std::string_view error;
      if (s["last_error"].get_string().get(error) == simdjson::SUCCESS)
        errors[std::string(s["name"].get_string().value())] = std::string(error);
    }
  }
  std::string answers;
  for (const char* target : {"/v1/sources", "/v1/status", "/metrics", "/v1/plugins"}) {
    answers += Get(box.socket, target).body;
  }
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  const std::string logs = daemon.Stderr() + daemon.Stdout();
  INFO(logs);

  for (const auto& [name, c] : cases) {
    INFO(name);
    const std::string expected =
        mltrend_test::ReplaceAll(mltrend_test::ReplaceAll(c.error, "{{base}}", c.server.BaseUrl()), "{{other}}", other_url);
    CHECK(errors[name] == expected);
    // The log line of the failed run says the same.
    CHECK(logs.find("[source." + name + "] run failed: " + expected + " (pages 0") != std::string::npos);
    CHECK(c.server.Requests().size() == 1);  // no redirect was followed
  }
  CHECK(other.Requests().empty());
  for (const std::string& token : {hf, gh}) {
    INFO(token);
    CHECK(answers.find(token) == std::string::npos);
    CHECK(logs.find(token) == std::string::npos);
    CHECK(answers.find("ECHOED") == std::string::npos);
    CHECK(logs.find("ECHOED") == std::string::npos);
  }
}
