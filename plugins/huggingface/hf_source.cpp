#include "hf_source.hpp"

#include <exception>
#include <string>

#include "hf_config.hpp"
#include "hf_crawl.hpp"

namespace mltrend::hf {

Status HuggingFaceSource::Run(SourceContext& ctx) {
  try {
    Settings settings;
    if (Status s = ReadSettings(ctx.Config(), settings); !s.ok()) return s;
    Crawl crawl(ctx, std::move(settings));
    return crawl.Run();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("huggingface source failed unexpectedly: ") + e.what());
  } catch (...) {
    return Status::Internal("huggingface source failed with an unknown exception");
  }
}

Status HuggingFaceSource::Validate(const ConfigValues& config, std::string& bad_key) {
  Settings unused;
  return ReadSettings(config, unused, bad_key);
}

}  // namespace mltrend::hf
