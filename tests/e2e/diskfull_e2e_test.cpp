//===----------------------------------------------------------------------===//
// tests/e2e — diskfull_e2e_test.cpp
//===----------------------------------------------------------------------===//
// The serving daemon's store volume (a real 64 MiB tmpfs) fills up in the
// middle of a crawl of the recorded Hub listing: the page fails whole with
// an error naming state_dir and its free space, the socket keeps answering,
// /v1/status and /metrics say the disk is full, and once the filler file is
// deleted the source's next run (on its normal backoff) resumes the store
// and finishes the crawl, ending as an uninterrupted crawl does.
#include <catch2/catch.hpp>

#include <csignal>
#include <functional>
#include <thread>

#include "e2e_support.hpp"
#include "mltrend_test/small_volume.hpp"

namespace fs = std::filesystem;
using e2e::GetJson;
using e2e::IntAt;
using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {

constexpr uint64_t kVolumeBytes = 64u << 20;

//! The value of an unlabelled sample in a /metrics page; REQUIREs it.
int64_t Sample(const std::string& page, const std::string& name) {
  const std::string prefix = "\n" + name + " ";
  const size_t at = page.find(prefix);
  INFO(name << " in " << page);
  REQUIRE(at != std::string::npos);
  return std::stoll(page.substr(at + prefix.size()));
}

//! Polls /v1/sources (bounded, 100 ms apart) until source 0 satisfies `done`.
void WaitForSource(const fs::path& socket, const std::function<bool(simdjson::dom::element)>& done,
                   const char* what) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  for (;;) {
    simdjson::dom::parser parser;
    auto doc = GetJson(parser, socket, "/v1/sources");
    simdjson::dom::element hf = doc.at_pointer("/sources/0").value();
    if (done(hf)) return;
    INFO("waiting until " << what << "; /v1/sources: " << simdjson::minify(doc));
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string StringAt(simdjson::dom::element e, std::string_view pointer) {
  std::string_view s;
  if (e.at_pointer(pointer).get(s) != simdjson::SUCCESS) return "";
  return std::string(s);
}

}  // namespace

TEST_CASE("the store's volume fills mid-crawl: the page fails whole, the daemon serves and says so, "
          "and the crawl resumes by itself once space returns", "[diskfull]") {
  mltrend_test::SmallVolume volume(kVolumeBytes);
  const fs::path state = volume / "state";
  const fs::path filler = volume / "filler";

  mltrend_test::ReplayServer replay;
  // Page 4 first hangs (until http_timeout), then answers: while it hangs,
  // pages 1-3 are committed and nothing writes, so the volume is filled
  // then; the retry's commit of page 4 is the first page to find no space.
  e2e::LoadListingHangingAt(replay, 4);
  replay.Start();

  e2e::Sandbox box;
  mltrend_test::WriteFile(
      box.config, "[daemon]\nstate_dir = \"" + state.string() + "\"\nsocket = \"" + box.socket.string() +
                      "\"\nplugin_dir = \"" + BuildPath("lib/mltrend/plugins").string() +
                      "\"\nlog_level = \"info\"\nhttp_timeout = \"2s\"\n"
                      "\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\ninterval = \"6h\"\njitter = \"0s\"\n"
                      "backoff_initial = \"1s\"\nbackoff_max = \"2s\"\nbase_url = \"" + replay.BaseUrl() + "\"\n" +
                      "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\nrules = \"" +
                      FixturePath("huggingface/rules_tags_only.toml").string() + "\"\n");

  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  REQUIRE(replay.WaitForRequests(4, std::chrono::seconds(60)));  // page 4 requested, hanging
  CHECK(volume.Fill(filler) > 0);

  // The retried page 4 finds the volume full.
  const std::string full = "state_dir " + state.string() + ": cannot commit a page of source hf";
  WaitForSource(box.socket, [&](simdjson::dom::element hf) {
    return StringAt(hf, "/last_error").find(full) != std::string::npos;
  }, "a run of hf failed on the full volume");
  {
    simdjson::dom::parser parser;
    auto sources = GetJson(parser, box.socket, "/v1/sources");
    INFO(simdjson::minify(sources));
    const std::string error = StringAt(sources, "/sources/0/last_error");
    CHECK(error.find(full) == 0);
    CHECK_THAT(error, Catch::Contains("the store's volume is full (0 bytes free of " + std::to_string(kVolumeBytes) +
                                      " on " + state.string() + "): IO error: No space left on device"));
    CHECK(IntAt(sources, "/sources/0/records") == 3000);  // pages 1-3, nothing of page 4
    CHECK(IntAt(sources, "/sources/0/run/pages") == 0);
    CHECK(sources.at_pointer("/sources/0/last_run_ok").get_bool().value() == false);
  }
  {
    simdjson::dom::parser parser;
    auto status = GetJson(parser, box.socket, "/v1/status");
    INFO(simdjson::minify(status));
    CHECK(status["store_disk_full"].get_bool().value());
    CHECK(IntAt(status, "/store_write_errors") > 0);
    CHECK_THAT(StringAt(status, "/store_error"),
               Catch::StartsWith("state_dir " + state.string() + ": cannot ") &&
                   Catch::Contains("the store's volume is full (0 bytes free of " + std::to_string(kVolumeBytes)));
    const std::string metrics = e2e::Get(box.socket, "/metrics").body;
    CHECK(Sample(metrics, "mltrend_store_disk_full") == 1);
    CHECK(Sample(metrics, "mltrend_store_write_errors_total") >= IntAt(status, "/store_write_errors"));
  }

  // Space returns: the next run after the backoff resumes the store.
  fs::remove(filler);
  WaitForSource(box.socket, [](simdjson::dom::element hf) {
    bool ok = false;
    return hf["last_run_ok"].get(ok) == simdjson::SUCCESS && ok;
  }, "a run of hf succeeded");
  {
    simdjson::dom::parser parser;
    auto sources = GetJson(parser, box.socket, "/v1/sources");
    INFO(simdjson::minify(sources));
    CHECK(IntAt(sources, "/sources/0/records") == 9715);  // as an uninterrupted crawl
    CHECK(IntAt(sources, "/sources/0/run/pages") == 7);   // pages 4..10 in the resumed run
    CHECK(sources.at_pointer("/sources/0/last_error").is_null());
  }
  // The sink folds after the run; then its lag is 0 and the trends are whole.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  for (;;) {
    simdjson::dom::parser parser;
    auto sources = GetJson(parser, box.socket, "/v1/sources");
    if (IntAt(sources, "/sinks/0/lag") == 0 && sources.at_pointer("/sinks/0/last_error").is_null()) break;
    INFO(simdjson::minify(sources));
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  simdjson::dom::parser expected_parser, trends_parser, status_parser;
  auto expected = e2e::LoadJson(expected_parser, BuildPath("e2e/hf_listing_expected.json"));
  auto trends = GetJson(trends_parser, box.socket, "/v1/trends?source=hf&axis=cohort&bucket=year&metric=exclusive");
  CHECK(IntAt(trends, "/series/0/total") == 9715);
  CHECK(IntAt(trends, "/series/0/classified") == IntAt(expected, "/classified"));
  CHECK(IntAt(trends, "/series/0/multi") == IntAt(expected, "/multi"));
  auto status = GetJson(status_parser, box.socket, "/v1/status");
  CHECK_FALSE(status["store_disk_full"].get_bool().value());
  CHECK(status["store_error"].is_null());
  const std::string metrics = e2e::Get(box.socket, "/metrics").body;
  CHECK(Sample(metrics, "mltrend_store_disk_full") == 0);
  CHECK(Sample(metrics, "mltrend_store_write_errors_total") == IntAt(status, "/store_write_errors"));

  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
  std::string err;
  const int verified = box.RunDaemon({"--verify"}, &err);
  INFO(err);
  CHECK(verified == 0);
}
