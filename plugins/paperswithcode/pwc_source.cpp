#include "pwc_source.hpp"

#include <exception>

#include "pwc_api_ingest.hpp"
#include "pwc_api_walk.hpp"
#include "pwc_dump_ingest.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

Status PapersWithCodeSource::Run(SourceContext& ctx) {
  return Guarded("paperswithcode source", [&] {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    if (settings.mode == Mode::kDump) return RunDumpMode(ctx, settings);
    if (settings.mode == Mode::kApi) return RunApiMode(ctx, settings);
    // Dump, then API. An API checkpoint means the dump was complete when the
    // walk began: finish the walk first; the next run looks at the dump.
    ApiPosition unused;
    if (!DecodeApiPosition(ctx.Checkpoint(), settings.api_base_url, unused)) {
      if (Status s = RunDumpMode(ctx, settings); !s.ok()) return s;
    }
    return RunApiMode(ctx, settings);
  });
}

Status PapersWithCodeSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::pwc
