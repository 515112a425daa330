// A well-formed sink plugin for the loader tests. It counts its live objects
// in an exported int, so a test can see that destroying a sink ran this
// library's destructor, and answers Routes() from this library's code, so
// calling it proves the library is still mapped.

#include "mltrend/plugin.hpp"

extern "C" {
BOOST_SYMBOL_EXPORT int mltrend_test_live_sinks = 0;
}

namespace {

class TestSink final : public mltrend::Sink {
 public:
  TestSink() { ++mltrend_test_live_sinks; }
  ~TestSink() override { --mltrend_test_live_sinks; }
  mltrend::Status Open(mltrend::SinkContext&) override { return mltrend::Status::Ok(); }
  mltrend::Status Fold(mltrend::SinkContext&) override { return mltrend::Status::Ok(); }
  std::vector<std::string> Routes() const override { return {"/v1/test"}; }
  mltrend::Status Query(const mltrend::QueryRequest&, mltrend::QueryResponse& response) override {
    response.body = "{}";
    return mltrend::Status::Ok();
  }
};

constexpr mltrend::ConfigKey kKeys[] = {
    {"window", mltrend::ConfigType::kDuration, "1d", "Aggregation window."},
};

}  // namespace

MLTREND_REGISTER_SINK(TestSink, "test_sink", "0.9.0", "Loader test sink", kKeys)
