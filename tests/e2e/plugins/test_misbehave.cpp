// A source plugin that misbehaves on request, for the quarantine e2e test
// (tests/e2e/quarantine_e2e_test.cpp). Each run GETs {base_url}/{name} (so
// a test sees on the replay server that it ran) and returns Ok, unless:
//   - the file `segv_if_exists` names exists: the run raises SIGSEGV on its
//     own thread, as a bad pointer in a plugin would;
//   - the file `hang_if_exists` names exists: the run GETs
//     {base_url}/{name}-hanging, then ignores its cancellation and sleeps
//     while the file is there (a hung plugin).
// Only a test loads it: it is built into build/test-plugins-e2e, never the
// real plugin directory.

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "mltrend/plugin.hpp"

namespace {

class MisbehavingSource final : public mltrend::Source {
 public:
  mltrend::Status Run(mltrend::SourceContext& ctx) override {
    const mltrend::ConfigValues& config = ctx.Config();
    std::error_code ec;
    const std::string& segv = config.GetString("segv_if_exists");
    if (!segv.empty() && std::filesystem::exists(segv, ec)) std::raise(SIGSEGV);
    const std::string& hang = config.GetString("hang_if_exists");
    if (!hang.empty() && std::filesystem::exists(hang, ec)) {
      // Says so first on the server ({base_url}/{name}-hanging), so a test
      // knows the run is in its hang without sleeping.
      mltrend::HttpRequest hello;
      hello.url = config.GetString("base_url") + "/" + config.GetString("name") + "-hanging";
      mltrend::HttpResponse ignored;
      (void)ctx.Http().Send(hello, ignored);
      ctx.Log().Info("hanging: ignoring cancellation while " + hang + " exists");
      while (std::filesystem::exists(hang, ec)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    mltrend::HttpRequest request;
    request.url = config.GetString("base_url") + "/" + config.GetString("name");
    mltrend::HttpResponse response;
    if (mltrend::Status s = ctx.Http().Send(request, response); !s.ok()) return s;
    if (response.status != 200) return mltrend::Status::IoError("HTTP " + std::to_string(response.status));
    return mltrend::Status::Ok();
  }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"base_url", mltrend::ConfigType::kString, nullptr, "Where each run sends GET /{name}."},
    {"segv_if_exists", mltrend::ConfigType::kString, "", "A run raises SIGSEGV while this file exists."},
    {"hang_if_exists", mltrend::ConfigType::kString, "", "A run hangs, ignoring cancellation, while this file exists."},
};

}  // namespace

MLTREND_REGISTER_SOURCE(MisbehavingSource, "test_misbehave", "1.0.0", "Quarantine test source", kKeys)
