//===----------------------------------------------------------------------===//
// mltrendd — plugin/plugin_lookup.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include "mltrendd/config/config.hpp"
#include "mltrendd/plugin/plugin_loader.hpp"

namespace mltrendd {

//! The PluginLookup LoadConfig needs, answered from `registry`. The first
//! call loads daemon.plugin_dir (DefaultPluginDir() when empty) into the
//! registry, and so does a later call naming another directory. A name it
//! cannot answer comes with the reason: the directory could not be read,
//! the file libmltrend_<name>.so was refused (and why), or which plugins
//! the directory does provide. `registry` must outlive the lookup and every
//! descriptor it returned (they live in the loaded libraries).
PluginLookup MakePluginLookup(PluginRegistry& registry);

}  // namespace mltrendd
