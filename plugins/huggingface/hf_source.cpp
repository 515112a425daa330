#include "hf_source.hpp"

#include <exception>
#include <string>

#include "hf_config.hpp"
#include "hf_crawl.hpp"

namespace mltrend::hf {

Status HuggingFaceSource::Run(SourceContext& ctx) {
  return Guarded("huggingface source", [&] {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    Crawl crawl(ctx, std::move(settings));
    return crawl.Run();
  });
}

Status HuggingFaceSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::hf
