//===----------------------------------------------------------------------===//
// mltrendd — config/duration.cpp
//===----------------------------------------------------------------------===//

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

#include "config_internal.hpp"
#include "mltrend/config_reader.hpp"
#include "mltrendd/config/config.hpp"

namespace mltrendd {

mltrend::Status ParseDuration(std::string_view text, std::chrono::milliseconds& out) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) {
    return mltrend::Status::Invalid("invalid duration " + quoted +
                                    ": expected a whole number followed by ms, s, m, h or d, like \"90s\"");
  }
  const std::string_view unit = text.substr(digits);
  const int64_t per_unit = mltrend::DurationUnitMillis(unit);
  if (per_unit == 0) {
    return mltrend::Status::Invalid("invalid duration " + quoted + ": unknown unit '" + std::string(unit) +
                                    "' (use ms, s, m, h or d)");
  }
  int64_t count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, count);
  if (ec != std::errc() || end != text.data() + digits || count > config_detail::kMaxDurationMillis / per_unit) {
    return mltrend::Status::Invalid("invalid duration " + quoted + ": too large (at most 36500d)");
  }
  out = std::chrono::milliseconds(count * per_unit);
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
