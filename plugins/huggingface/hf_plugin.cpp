// The plugin's one registration line: libmltrend_huggingface.so exports the
// ABI version and a descriptor naming the plugin "huggingface".
#include "hf_config.hpp"
#include "hf_source.hpp"
#include "mltrend/plugin.hpp"

MLTREND_REGISTER_SOURCE(mltrend::hf::HuggingFaceSource, "huggingface", "1.0.0",
                        "Hugging Face Hub models (GET /api/models, Link cursor paging)",
                        mltrend::hf::kHuggingFaceKeys)
