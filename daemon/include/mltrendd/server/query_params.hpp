//===----------------------------------------------------------------------===//
// mltrendd — server/query_params.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrendd {

//! A request target split into its decoded path and query parameters.
struct ParsedTarget {
  std::string path;
  std::map<std::string, std::string> params;
};

//! Splits "/v1/trends?source=hf&bucket=quarter" and percent-decodes both
//! parts ('+' is a space in the query). Invalid input — a bad %-escape, a
//! parameter given twice, an empty name, a NUL byte — is an Invalid Status
//! whose message names the parameter; `bad_parameter` receives its name
//! ("" when the path itself is bad).
mltrend::Status ParseTarget(std::string_view target, ParsedTarget& out, std::string& bad_parameter);

//! Percent-decodes `in`; false on a malformed escape or a decoded NUL.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

}  // namespace mltrendd
