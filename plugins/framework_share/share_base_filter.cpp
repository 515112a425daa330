//===----------------------------------------------------------------------===//
// framework_share — share_base_filter.cpp
//===----------------------------------------------------------------------===//
#include "share_base_filter.hpp"

#include <functional>
#include <string>

#include "share_node.hpp"

namespace mltrend::share {
namespace {

uint64_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

void BaseFilter::Reset() {
  loaded_ = false;
  hashes_.clear();
}

mltrend::Status BaseFilter::Load(mltrend::SinkContext& ctx) {
  Reset();
  const std::string prefix(kEdgePrefix);
  auto s = ctx.ScanState(prefix, [&](std::string_view key, std::string_view) {
    // "edge/<source>\x1f<base>\x1f<child>\x1f<id>": every prefix that ends
    // in a separator after the source's, so the one EdgePrefix made is
    // among them even if a base name held the separator.
    size_t end = key.find(kKeySeparator, prefix.size());
    if (end == std::string_view::npos) return;
    while ((end = key.find(kKeySeparator, end + 1)) != std::string_view::npos)
      hashes_.insert(Hash(key.substr(0, end + 1)));
  });
  if (!s.ok()) return s;
  loaded_ = true;
  return s;
}

void BaseFilter::Add(std::string_view edge_prefix) { hashes_.insert(Hash(edge_prefix)); }

bool BaseFilter::MayHave(std::string_view edge_prefix) const { return hashes_.contains(Hash(edge_prefix)); }

}  // namespace mltrend::share
