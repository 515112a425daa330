//===----------------------------------------------------------------------===//
// mltrend fuzz targets — config_load.cpp
//===----------------------------------------------------------------------===//
// The daemon's config loader (LoadConfig: TOML, key tables, durations, paths)
// over the real plugins' key tables and Validate hooks, as mltrendd sees them
// once the plugins are loaded. Each input is written to one scratch file
// (LoadConfig reads a path).
// Every refusal must be one line that starts with file:line:column.
//
// framework_share's Validate is left out: it opens the `rules` path, and a
// fuzzer that writes "/dev/zero" there would hang reading it; the rules
// parser has its own target (rules.cpp).
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "share_sink_config.hpp"
#include "fuzz_check.hpp"
#include "gh_config.hpp"
#include "gh_source.hpp"
#include "hf_config.hpp"
#include "hf_source.hpp"
#include "mltrend/plugin.hpp"
#include "mltrendd/config/config.hpp"
#include "pwc_config.hpp"
#include "pwc_source.hpp"

namespace {

using mltrend::PluginDescriptor;
using mltrend::PluginKind;
using mltrend::plugin_detail::ValidateHook;

const PluginDescriptor kHub{PluginKind::kSource, "huggingface", "1.0.0", MLTREND_SDK_VERSION, "",
                            mltrend::hf::kHuggingFaceKeys, std::size(mltrend::hf::kHuggingFaceKeys), nullptr,
                            nullptr, ValidateHook<mltrend::hf::HuggingFaceSource>()};
const PluginDescriptor kGitHub{PluginKind::kSource, "github", "1.0.0", MLTREND_SDK_VERSION, "",
                               mltrend::gh::kGitHubKeys, std::size(mltrend::gh::kGitHubKeys), nullptr,
                               nullptr, ValidateHook<mltrend::gh::GitHubSource>()};
const PluginDescriptor kPwc{PluginKind::kSource, "paperswithcode", "1.0.0", MLTREND_SDK_VERSION, "",
                            mltrend::pwc::kPapersWithCodeKeys, std::size(mltrend::pwc::kPapersWithCodeKeys), nullptr,
                            nullptr, ValidateHook<mltrend::pwc::PapersWithCodeSource>()};
const PluginDescriptor kShare{PluginKind::kSink, "framework_share", "0.1.0", MLTREND_SDK_VERSION, "",
                              mltrend::share::kConfigKeys, std::size(mltrend::share::kConfigKeys), nullptr,
                              nullptr, nullptr};

const PluginDescriptor* Lookup(const mltrendd::DaemonSettings&, const std::string& name, std::string& why) {
  for (const PluginDescriptor* d : {&kHub, &kGitHub, &kPwc, &kShare}) {
    if (name == d->name) return d;
  }
  why = "no such plugin";
  return nullptr;
}

std::filesystem::path scratch_dir;

void RemoveScratch() {
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A tmpfs when there is one: writing the file to a disk-backed /tmp made
  // runs ten times slower.
  std::error_code ec;
  const std::filesystem::path base = std::getenv("TMPDIR") == nullptr && std::filesystem::is_directory("/dev/shm", ec)
                                         ? std::filesystem::path("/dev/shm")
                                         : std::filesystem::temp_directory_path();
  std::string dir = (base / "mltrend-fuzz-config-XXXXXX").string();
  mltrend_fuzz::Check(::mkdtemp(dir.data()) != nullptr, "a scratch directory can be made");
  scratch_dir = dir;
  std::atexit(RemoveScratch);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  const std::filesystem::path file = scratch_dir / "mltrend.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    Check(static_cast<bool>(out), "the scratch config can be written");
  }
  mltrendd::Config config;
  const mltrend::Status status = mltrendd::LoadConfig(file, Lookup, config);
  if (status.ok()) return 0;
  const std::string& message = status.message();
  const std::string prefix = file.string() + ":";
  const bool located = message.rfind(prefix, 0) == 0 && message.size() > prefix.size() &&
                       std::isdigit(static_cast<unsigned char>(message[prefix.size()]));
  const bool one_line = message.find('\n') == std::string::npos;
  if (!located || !one_line) std::fprintf(stderr, "the refusal: %s\n", message.c_str());
  Check(located, "a config error starts with file:line");
  Check(one_line, "a config error is one line");
  return 0;
}
