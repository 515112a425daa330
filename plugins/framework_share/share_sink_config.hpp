//===----------------------------------------------------------------------===//
// framework_share — share_sink_config.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include "mltrend/config.hpp"

namespace mltrend::share {

//! The keys a `[[sink]] plugin = "framework_share"` table accepts, declared
//! once: the daemon derives parsing, defaults, unknown-key errors and help
//! text from this table.
inline constexpr mltrend::ConfigKey kConfigKeys[] = {
    {"rules", mltrend::ConfigType::kPath, "rules/frameworks.toml",
     "the framework rules file (TOML); a relative path is taken relative to the config file"},
    {"official_only", mltrend::ConfigType::kBool, "false",
     "count only records whose attribute is_official is \"true\" (the Papers with Code Trends-chart method)"},
    mltrend::ConfigKey{"history_days", mltrend::ConfigType::kInt, "730",
     "how many days of observed-axis snapshots to keep at all; older ones are pruned at each fold"}
        .AtLeast(1),
    mltrend::ConfigKey{"history_daily_days", mltrend::ConfigType::kInt, "90",
     "observed-axis snapshots of the last this many days are all kept; older ones (up to history_days) "
     "keep only the latest of each ISO week; 0 to history_days"}
        .AtLeast(0),
};

}  // namespace mltrend::share
