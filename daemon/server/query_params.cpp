#include "mltrendd/server/query_params.hpp"

namespace mltrendd {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return false;
    out += c;
  }
  return true;
}

mltrend::Status ParseTarget(std::string_view target, ParsedTarget& out, std::string& bad_parameter) {
  out = ParsedTarget{};
  bad_parameter.clear();
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (raw_path.empty() || raw_path.front() != '/') return mltrend::Status::Invalid("the request path must start with '/'");
  if (!PercentDecode(raw_path, false, out.path)) return mltrend::Status::Invalid("the request path has a malformed %-escape");
  if (q == std::string_view::npos) return mltrend::Status::Ok();

  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name, value;
    if (!PercentDecode(pair.substr(0, eq), true, name) || name.empty()) {
      return mltrend::Status::Invalid("a query parameter has an empty or malformed name");
    }
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, value)) {
      bad_parameter = name;
      return mltrend::Status::Invalid("parameter '" + name + "' has a malformed %-escape");
    }
    if (!out.params.emplace(name, value).second) {
      bad_parameter = name;
      return mltrend::Status::Invalid("parameter '" + name + "' is given more than once");
    }
  }
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
