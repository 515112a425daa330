// A well-formed source plugin for the loader tests: two declared keys and a
// Run that does nothing.

#include "mltrend/plugin.hpp"

namespace {

class TestSource final : public mltrend::Source {
 public:
  mltrend::Status Run(mltrend::SourceContext&) override { return mltrend::Status::Ok(); }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"base_url", mltrend::ConfigType::kString, "http://127.0.0.1:1", "Where to crawl."},
    {"page_size", mltrend::ConfigType::kInt, "100", "Records per page."},
};

}  // namespace

MLTREND_REGISTER_SOURCE(TestSource, "test_source", "1.2.3", "Loader test source", kKeys)
