//===----------------------------------------------------------------------===//
// framework_share — share_state_keys.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "share_rules.hpp"

namespace mltrend::share {

//! The sink's state keys (in its own key space of the store):
//!   cell/<source>/<month>     EncodeCell of one (source, month) cohort cell
//!   obs/<source>/<YYYY-MM-DD> an observed snapshot of the whole source
//!   slice/<source>/<label>    EncodeCell of one (source, month, task, library)
//!                             cell; the label is SliceLabel (slice.hpp)
//!   meta/fingerprint          Fingerprint() of the state's rules and options
//! Month, date and slice labels hold no '/', so a source name may.
inline constexpr std::string_view kCellPrefix = "cell/";
inline constexpr std::string_view kSlicePrefix = "slice/";
inline constexpr std::string_view kObservationPrefix = "obs/";
inline constexpr std::string_view kFingerprintKey = "meta/fingerprint";

//! "<prefix><source>/<label>".
std::string StateKey(std::string_view prefix, std::string_view source, std::string_view label);
std::string CellKey(std::string_view source, std::string_view month);
std::string ObservationKey(std::string_view source, std::string_view date);
//! Splits "<prefix><source>/<label>" (the label is after the last '/').
bool SplitStateKey(std::string_view key, std::string_view prefix, std::string& source, std::string& label);

//! Identifies what the stored cells were computed with: the rules' matching
//! content (MatchingContent: not comments, version or notes), the options
//! that change what is counted, and the state format. Stable across builds
//! (FNV-1a), so only a real change triggers a recompute.
std::string Fingerprint(const Rules& rules, bool official_only);

}  // namespace mltrend::share
