// The plugin's one registration line: libmltrend_github.so exports the ABI
// version and a descriptor naming the plugin "github".
#include "gh_config.hpp"
#include "gh_source.hpp"
#include "mltrend/plugin.hpp"

MLTREND_REGISTER_SOURCE(mltrend::gh::GitHubSource, "github", "1.0.0",
                        "GitHub repositories by search (GET /search/repositories, created: slicing, ETags)",
                        mltrend::gh::kGitHubKeys)
