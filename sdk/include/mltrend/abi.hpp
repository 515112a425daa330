//===----------------------------------------------------------------------===//
// mltrend SDK — abi.hpp
//===----------------------------------------------------------------------===//
#pragma once

//! The plugin ABI version. Bump it whenever a type in these headers changes
//! layout or a virtual function is added, removed or reordered: the daemon
//! refuses any plugin built against a different value, before calling into it.
#define MLTREND_ABI_VERSION 5

//! The SDK release a plugin was built with (informational: shown by
//! `mltrend plugins`, never used to decide compatibility; the ABI version does).
#define MLTREND_SDK_VERSION "0.4.0"
