// A sink plugin that raises SIGSEGV in its Open and Fold while the file
// `segv_if_exists` names exists, and fails them (an error, as a full disk
// would give) while the file `fail_if_exists` names exists, for the
// quarantine e2e test (tests/e2e/quarantine_e2e_test.cpp); otherwise it
// folds nothing and is Ok.

#include <csignal>
#include <filesystem>
#include <string>

#include "mltrend/plugin.hpp"

namespace {

class MisbehavingSink final : public mltrend::Sink {
 public:
  mltrend::Status Open(mltrend::SinkContext& ctx) override { return MaybeCrash(ctx); }
  mltrend::Status Fold(mltrend::SinkContext& ctx) override { return MaybeCrash(ctx); }
  std::vector<std::string> Routes() const override { return {}; }
  mltrend::Status Query(const mltrend::QueryRequest&, mltrend::QueryResponse&) override {
    return mltrend::Status::NotFound("no routes");
  }

 private:
  static mltrend::Status MaybeCrash(mltrend::SinkContext& ctx) {
    const std::string& segv = ctx.Config().GetString("segv_if_exists");
    std::error_code ec;
    if (!segv.empty() && std::filesystem::exists(segv, ec)) std::raise(SIGSEGV);
    const std::string& fail = ctx.Config().GetString("fail_if_exists");
    if (!fail.empty() && std::filesystem::exists(fail, ec)) return mltrend::Status::Internal(fail + " exists");
    return mltrend::Status::Ok();
  }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"segv_if_exists", mltrend::ConfigType::kString, "", "Open and Fold raise SIGSEGV while this file exists."},
    {"fail_if_exists", mltrend::ConfigType::kString, "", "Open and Fold fail while this file exists."},
};

}  // namespace

MLTREND_REGISTER_SINK(MisbehavingSink, "test_misbehave_sink", "1.0.0", "Quarantine test sink", kKeys)
