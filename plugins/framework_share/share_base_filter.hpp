//===----------------------------------------------------------------------===//
// framework_share — share_base_filter.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>

#include "mltrend/sink.hpp"
#include "mltrend/status.hpp"

namespace mltrend::share {

//! The lineage edge prefixes (EdgePrefix: a source and a base name) that may
//! have edges in the sink's state, as 64-bit hashes. A miss proves a base
//! has no stored children, so a fold skips the state seek that every
//! change's Children lookup otherwise costs (most records are nobody's
//! base); a hit, true or a hash collision, only costs that seek. It never
//! forgets a prefix whose edges went: a stale entry is a hit, never a miss.
class BaseFilter {
 public:
  //! Whether Load ran since the last Reset.
  bool Loaded() const { return loaded_; }
  //! Forgets everything (the state was rewritten, e.g. by a recompute);
  //! the next fold loads again.
  void Reset();
  //! Reads every edge key of the sink's state.
  mltrend::Status Load(mltrend::SinkContext& ctx);
  //! `edge_prefix` may be followed by stored or pending edges from now on.
  void Add(std::string_view edge_prefix);
  //! False only when no edge under `edge_prefix` was ever loaded or added.
  bool MayHave(std::string_view edge_prefix) const;

 private:
  bool loaded_ = false;
  std::unordered_set<uint64_t> hashes_;
};

}  // namespace mltrend::share
