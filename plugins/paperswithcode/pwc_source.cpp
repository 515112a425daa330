#include "pwc_source.hpp"

#include <exception>

#include "api_ingest.hpp"
#include "dump_ingest.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

Status PapersWithCodeSource::Run(SourceContext& ctx) {
  try {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    return settings.mode == Mode::kDump ? RunDumpMode(ctx, settings) : RunApiMode(ctx, settings);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("paperswithcode source failed unexpectedly: ") + e.what());
  } catch (...) {
    return Status::Internal("paperswithcode source failed with an unknown exception");
  }
}

Status PapersWithCodeSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::pwc
