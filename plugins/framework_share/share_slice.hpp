//===----------------------------------------------------------------------===//
// framework_share — share_slice.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "share_cell_table.hpp"
#include "mltrend/record.hpp"

namespace mltrend::share {

//! Where a record falls for the `task=` and `library=` filters: its cohort
//! month, its normalised HF `pipeline_tag` ("" when it has none) and its
//! normalised library_names, sorted, unique, comma-joined ("" when none).
//! Each record lies in exactly one slice, so slices add up to the month cell.
struct SliceKey {
  std::string month;
  std::string task;
  std::string libraries;
  bool operator==(const SliceKey&) const = default;
};

//! The state label of a slice: "<month>|<task>|<libraries>", each part with
//! '%', '|', '/' and control bytes written as %XX, so the label holds no '/'
//! (state keys split at the last one) and splits back unambiguously.
std::string SliceLabel(const SliceKey& key);
//! Inverse of SliceLabel; false on malformed text.
bool ParseSliceLabel(std::string_view label, SliceKey& out);
//! SliceLabel of `record` in cohort month `month`.
std::string SliceLabelOf(std::string_view month, const mltrend::Record& record);

//! The `task=` / `library=` filters of a query, normalised (ASCII lower case,
//! outer blanks dropped); an absent one matches every slice.
struct SliceFilter {
  std::optional<std::string> task;
  std::optional<std::string> library;
  bool Active() const { return task || library; }
  //! The task equals `task`, and `library` is one of the slice's libraries.
  bool Matches(const SliceKey& key) const;
};

//! The slices of one source (nullptr: none) that pass `filter`, summed per
//! month: the same shape as the plain month cells, for CohortSeries.
CellTable::Months FilteredMonths(const CellTable::Months* slices, const SliceFilter& filter);

}  // namespace mltrend::share
