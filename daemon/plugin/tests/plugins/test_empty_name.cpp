// A source that registers itself with an empty plugin name.

#include "mltrend/plugin.hpp"

namespace {

class NamelessSource final : public mltrend::Source {
 public:
  mltrend::Status Run(mltrend::SourceContext&) override { return mltrend::Status::Ok(); }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"unused", mltrend::ConfigType::kString, "", "Never read."},
};

}  // namespace

MLTREND_REGISTER_SOURCE(NamelessSource, "", "1.0.0", "No name", kKeys)
