// A plugin built against a future SDK: its exported ABI version is 999, so
// the loader must refuse it before calling any of its functions.

#include "mltrend/abi.hpp"
#undef MLTREND_ABI_VERSION
#define MLTREND_ABI_VERSION 999
#include "mltrend/plugin.hpp"

namespace {

class FutureSource final : public mltrend::Source {
 public:
  mltrend::Status Run(mltrend::SourceContext&) override { return mltrend::Status::Ok(); }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"unused", mltrend::ConfigType::kString, "", "Never read."},
};

}  // namespace

MLTREND_REGISTER_SOURCE(FutureSource, "test_future", "9.9.9", "Built for ABI 999", kKeys)
