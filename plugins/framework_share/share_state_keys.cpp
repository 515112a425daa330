//===----------------------------------------------------------------------===//
// framework_share — share_state_keys.cpp
//===----------------------------------------------------------------------===//
#include "share_state_keys.hpp"

#include <cstdint>
#include <cstdio>

namespace mltrend::share {
namespace {

// Bump when the meaning or encoding of cells changes, so that state written
// by an older sink is recomputed instead of misread.
constexpr std::string_view kStateFormat = "framework_share state 2";

void Fnv1a(uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
}

}  // namespace

std::string StateKey(std::string_view prefix, std::string_view source, std::string_view label) {
  std::string key(prefix);
  key.append(source).append("/").append(label);
  return key;
}

std::string CellKey(std::string_view source, std::string_view month) { return StateKey(kCellPrefix, source, month); }

std::string ObservationKey(std::string_view source, std::string_view date) {
  return StateKey(kObservationPrefix, source, date);
}

bool SplitStateKey(std::string_view key, std::string_view prefix, std::string& source, std::string& label) {
  if (key.substr(0, prefix.size()) != prefix) return false;
  key.remove_prefix(prefix.size());
  size_t slash = key.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == key.size()) return false;
  source = std::string(key.substr(0, slash));
  label = std::string(key.substr(slash + 1));
  return true;
}

std::string Fingerprint(const Rules& rules, bool official_only) {
  uint64_t h = 0xcbf29ce484222325ULL;
  Fnv1a(h, kStateFormat);
  Fnv1a(h, official_only ? "\nofficial_only=true\n" : "\nofficial_only=false\n");
  Fnv1a(h, MatchingContent(rules));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace mltrend::share
