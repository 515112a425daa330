// mltrendd: the mltrend daemon.
#include <cstdio>
#include <cstring>
#include <string>

#include "mltrendd/app/daemon.hpp"

namespace {

constexpr const char* kUsage =
    "usage: mltrendd [--config FILE] [--once | --check-config]\n"
    "\n"
    "  --config FILE    configuration (default /etc/mltrend/mltrend.toml)\n"
    "  --once           run every source once, then every sink, then exit\n"
    "                   (exit status 0 only if all of them succeeded)\n"
    "  --check-config   validate the configuration and the plugins it names, then exit\n"
    "  --version        print the version\n";

enum ExitCode { kOk = 0, kRunFailed = 1, kUsageError = 64, kConfigError = 78 };

}  // namespace

int main(int argc, char** argv) {
  std::string config_file = "/etc/mltrend/mltrend.toml";
  bool once = false;
  bool check_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      config_file = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      config_file = arg.substr(9);
    } else if (arg == "--once") {
      once = true;
    } else if (arg == "--check-config") {
      check_only = true;
    } else if (arg == "--version") {
      std::printf("mltrendd %s (plugin ABI %d)\n", MLTREND_VERSION, MLTREND_ABI_VERSION);
      return kOk;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kOk;
    } else {
      std::fprintf(stderr, "mltrendd: unknown argument '%s'\n%s", arg.c_str(), kUsage);
      return kUsageError;
    }
  }

  mltrendd::Daemon daemon;
  if (check_only) {
    mltrendd::PluginRegistry registry;
    mltrendd::Config config;
    mltrend::Status s = mltrendd::LoadConfigWithPlugins(config_file, registry, config);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return kConfigError;
    }
    std::printf("%s: ok (%zu source(s), %zu sink(s))\n", config_file.c_str(), config.sources.size(),
                config.sinks.size());
    return kOk;
  }
  mltrend::Status s = daemon.Load(config_file);
  if (!s.ok()) {
    std::fprintf(stderr, "mltrendd: %s\n", s.message().c_str());
    return kConfigError;
  }
  s = once ? daemon.RunOnce() : daemon.Serve();
  if (!s.ok()) {
    std::fprintf(stderr, "mltrendd: %s\n", s.message().c_str());
    return kRunFailed;
  }
  return kOk;
}
