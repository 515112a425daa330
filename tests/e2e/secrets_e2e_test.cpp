// Tokens never leave the daemon: with HF_TOKEN and GITHUB_TOKEN set (one from
// the environment, one from $CREDENTIALS_DIRECTORY) and both servers
// refusing the requests, the token appears in no log line, no /v1/sources,
// /v1/status or /metrics answer and no error message, though the requests
// did carry it.
#include <catch2/catch.hpp>

#include <csignal>

#include "e2e_support.hpp"

using e2e::Get;

namespace {

constexpr const char* kHfToken = "hf_SECRETtokenVALUE1234567890";
constexpr const char* kGitHubToken = "ghp_SECRETgithubTOKEN0987654321";

mltrend_test::Exchange Refusal(std::string target, int status, std::string body) {
  mltrend_test::Exchange e;
  e.target = std::move(target);
  e.status = status;
  e.headers = {{"Content-Type", "application/json"}};
  e.body = std::move(body);
  return e;
}

}  // namespace

TEST_CASE("tokens appear in no log, no API answer and no error message") {
  // Both servers refuse whatever they are asked (unknown targets get a 404
  // JSON error too): every run fails and says so in logs and /v1/sources.
  mltrend_test::ReplayServer hub;
  hub.Start();
  mltrend_test::ReplayServer github;
  github.Add(Refusal("/search/repositories?q=topic%3Apytorch&per_page=100", 401,
                     R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})"));
  github.Start();

  e2e::Sandbox box;
  box.WriteConfig(hub.BaseUrl(), e2e::ShippedRules(),
                  "\n[[source]]\nname = \"gh\"\nplugin = \"github\"\ninterval = \"6h\"\njitter = \"0s\"\n"
                  "base_url = \"" + github.BaseUrl() + "\"\nqueries = [\"topic:pytorch\"]\n");
  // At debug level too: request and response details are logged there.
  std::string config = mltrend_test::ReadFile(box.config);
  config.replace(config.find("log_level = \"info\""), 18, "log_level = \"debug\"");
  mltrend_test::WriteFile(box.config, config);
  const auto credentials = box.dir / "credentials";
  std::filesystem::create_directories(credentials);
  mltrend_test::WriteFile(credentials / "GITHUB_TOKEN", std::string(kGitHubToken) + "\n");

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()},
                                     {"HF_TOKEN", kHfToken},
                                     {"CREDENTIALS_DIRECTORY", credentials.string()}});
  REQUIRE(notify.WaitFor("READY=1"));
  // Both sources ran (and failed) at least once: their requests arrived.
  REQUIRE(hub.WaitForRequests(1, std::chrono::seconds(60)));
  REQUIRE(github.WaitForRequests(1, std::chrono::seconds(60)));
  CHECK(hub.Requests()[0].Header("Authorization") == std::string("Bearer ") + kHfToken);
  CHECK(github.Requests()[0].Header("Authorization") == std::string("Bearer ") + kGitHubToken);

  std::string answers;
  for (int i = 0; i < 10000; ++i) {  // until both failures reached /v1/sources
    answers = Get(box.socket, "/v1/sources").body;
    if (answers.find("\"failures\":0") == std::string::npos) break;
  }
  CHECK(answers.find("\"failures\":0") == std::string::npos);
  for (const char* target : {"/v1/status", "/metrics", "/v1/plugins", "/v1/trends?source=gh"}) {
    answers += Get(box.socket, target).body;
  }
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  const std::string logs = daemon.Stderr() + daemon.Stdout();
  INFO(logs);
  CHECK(logs.find("[source.gh]") != std::string::npos);  // the source's lines were logged
  CHECK(logs.find("401") != std::string::npos);          // with the refusal
  for (const char* token : {kHfToken, kGitHubToken}) {
    INFO(token);
    CHECK(answers.find(token) == std::string::npos);
    CHECK(logs.find(token) == std::string::npos);
    CHECK(std::string(token).find("SECRET") != std::string::npos);  // the needle itself is sound
    CHECK(answers.find("SECRET") == std::string::npos);
    CHECK(logs.find("SECRET") == std::string::npos);
  }
}
