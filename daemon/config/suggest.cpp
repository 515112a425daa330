//===----------------------------------------------------------------------===//
// mltrendd — config/suggest.cpp
//===----------------------------------------------------------------------===//
// "did you mean 'interval'?" for unknown keys: the declared name with the
// smallest edit distance, when it is small enough to be a typo.

#include <algorithm>
#include <vector>

#include "config_internal.hpp"

namespace mltrendd::config_detail {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

//! Two edits for ordinary keys, fewer for very short ones, so that "ab"
//! does not suggest every other two-letter key.
size_t MaxDistance(std::string_view unknown) { return std::min<size_t>(2, (unknown.size() + 1) / 3); }

}  // namespace

std::string ClosestName(std::string_view unknown, std::initializer_list<std::string_view> candidates) {
  std::string best;
  size_t best_distance = MaxDistance(unknown) + 1;
  for (std::string_view candidate : candidates) {
    const size_t distance = EditDistance(unknown, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string ClosestKey(std::string_view unknown, std::initializer_list<std::span<const mltrend::ConfigKey>> tables) {
  std::string best;
  size_t best_distance = MaxDistance(unknown) + 1;
  for (std::span<const mltrend::ConfigKey> table : tables) {
    for (const mltrend::ConfigKey& key : table) {
      if (!key.name) continue;
      const size_t distance = EditDistance(unknown, key.name);
      if (distance < best_distance) {
        best_distance = distance;
        best = key.name;
      }
    }
  }
  return best;
}

}  // namespace mltrendd::config_detail
