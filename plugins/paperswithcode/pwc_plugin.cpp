// The plugin's one registration line: libmltrend_paperswithcode.so exports
// the ABI version and a descriptor naming the plugin "paperswithcode".
#include "mltrend/plugin.hpp"
#include "pwc_config.hpp"
#include "pwc_source.hpp"

MLTREND_REGISTER_SOURCE(mltrend::pwc::PapersWithCodeSource, "paperswithcode", "1.0.0",
                        "Papers with Code paper-code links (archive dumps, streamed; or a REST API mirror)",
                        mltrend::pwc::kPapersWithCodeKeys)
