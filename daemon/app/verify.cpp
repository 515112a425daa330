//===----------------------------------------------------------------------===//
// mltrendd — app/verify.cpp
//===----------------------------------------------------------------------===//
// `mltrendd --verify`: the store's own checks (Store::Verify), then every
// configured sink's aggregates against a full recompute.
#include "mltrendd/app/daemon.hpp"
#include "verify_sinks.hpp"

namespace mltrendd {

mltrend::Status Daemon::Verify(std::string& report) {
  mltrend::Status s = store_->Verify(report);
  std::vector<std::string> source_names;
  for (const auto& source : config_.sources) source_names.push_back(source.name);
  const size_t problems = VerifySinkAggregates(*store_, sinks_, source_names, report);
  if (problems == 0) return s;
  const std::string what = std::to_string(problems) + " sink aggregate problem(s); see the report";
  return s.ok() ? mltrend::Status::Internal("state_dir " + config_.daemon.state_dir.string() + ": " + what)
                : mltrend::Status(s.code(), s.message() + "; and " + what);
}

}  // namespace mltrendd
