//===----------------------------------------------------------------------===//
// mltrendd — config/listen_address.cpp
//===----------------------------------------------------------------------===//
#include <arpa/inet.h>

#include <charconv>

#include "mltrendd/config/config.hpp"

namespace mltrendd {

mltrend::Status ParseListenAddress(std::string_view text, std::string& host, uint16_t& port) {
  const std::string shown = "\"" + std::string(text) + "\"";
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return mltrend::Status::Invalid("expected \"ADDRESS:PORT\" (e.g. \"127.0.0.1:9464\" or \"[::1]:9464\"), got " +
                                    shown + ": no port");
  }
  std::string_view address = text.substr(0, colon);
  const std::string_view digits = text.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value > 65535) {
    return mltrend::Status::Invalid("the port of " + shown + " must be a number from 0 to 65535");
  }
  const bool bracketed = address.size() >= 2 && address.front() == '[' && address.back() == ']';
  if (bracketed) address = address.substr(1, address.size() - 2);
  const std::string literal(address);
  unsigned char buf[sizeof(in6_addr)];
  const bool v4 = ::inet_pton(AF_INET, literal.c_str(), buf) == 1;
  const bool v6 = ::inet_pton(AF_INET6, literal.c_str(), buf) == 1;
  if (v6 && !bracketed) {
    return mltrend::Status::Invalid("write an IPv6 address in brackets with its port, as \"[::1]:9464\", got " + shown);
  }
  if (v4 && bracketed) return mltrend::Status::Invalid("only an IPv6 address goes in brackets, got " + shown);
  if (!v4 && !v6) {
    return mltrend::Status::Invalid("'" + literal + "' in " + shown +
                                    " is not an IP address (a host name is not resolved: write 127.0.0.1 or [::1])");
  }
  host = literal;
  port = static_cast<uint16_t>(value);
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
