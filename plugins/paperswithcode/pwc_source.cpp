#include "pwc_source.hpp"

#include <exception>

#include "api_ingest.hpp"
#include "dump_ingest.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

Status PapersWithCodeSource::Run(SourceContext& ctx) {
  return Guarded("paperswithcode source", [&] {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    return settings.mode == Mode::kDump ? RunDumpMode(ctx, settings) : RunApiMode(ctx, settings);
  });
}

Status PapersWithCodeSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::pwc
