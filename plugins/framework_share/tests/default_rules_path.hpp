//===----------------------------------------------------------------------===//
// framework_share tests — default_rules_path.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <string>

#include "mltrend_test/test_support.hpp"

namespace framework_share_test {

//! The shipped `config/rules/frameworks.toml` of the source tree under test.
inline std::string DefaultRulesPath() {
  return (mltrend_test::FixturePath("x").parent_path().parent_path().parent_path() / "config/rules/frameworks.toml")
      .string();
}

}  // namespace mltrend::share_test
