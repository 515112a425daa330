//===----------------------------------------------------------------------===//
// mltrendd — app/verify_sinks.hpp (private to mltrend_app)
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mltrendd/runtime/sink_instance.hpp"
#include "mltrendd/store/store.hpp"

namespace mltrendd {

//! The aggregate half of `mltrendd --verify`: opens a second object of each
//! configured sink's plugin against a context whose state reads empty, so
//! that it recomputes everything from the stored records, catches the state
//! that recompute would commit, and compares it with the sink's stored
//! state. Compared are the key families (text up to the first '/') the
//! recompute writes, whole: a value that differs, a key on one side only.
//! Families it does not write (observed-axis history, which no recompute
//! can rebuild) are left alone. A sink whose cursor is behind the change
//! log is reported as not compared: its pending changes would explain any
//! difference. Appends "problem: ..." lines (and one summary line per sink)
//! to `report`; returns the number of problems.
//! `source_names` are the configured sources, as the sinks were given them.
size_t VerifySinkAggregates(Store& store, const std::vector<std::unique_ptr<SinkInstance>>& sinks,
                            const std::vector<std::string>& source_names, std::string& report);

}  // namespace mltrendd
