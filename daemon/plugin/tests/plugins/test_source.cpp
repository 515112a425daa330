// A well-formed source plugin for the loader tests: two declared keys, a
// Validate hook refusing a page_size below 1, and a Run that does nothing.

#include <string>

#include "mltrend/plugin.hpp"

namespace {

class TestSource final : public mltrend::Source {
 public:
  mltrend::Status Run(mltrend::SourceContext&) override { return mltrend::Status::Ok(); }

  static mltrend::Status Validate(const mltrend::ConfigValues& values, std::string& bad_key) {
    if (values.GetInt("page_size") >= 1) return mltrend::Status::Ok();
    bad_key = "page_size";
    return mltrend::Status::Invalid("must be at least 1, got " + std::to_string(values.GetInt("page_size")));
  }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"base_url", mltrend::ConfigType::kString, "http://127.0.0.1:1", "Where to crawl."},
    {"page_size", mltrend::ConfigType::kInt, "100", "Records per page."},
};

}  // namespace

MLTREND_REGISTER_SOURCE(TestSource, "test_source", "1.2.3", "Loader test source", kKeys)
