//===----------------------------------------------------------------------===//
// framework_share — share_cell.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "share_classifier.hpp"
#include "mltrend/record.hpp"

namespace mltrend::share {

//! The weights a share can be taken over: "count" (each record weighs 1)
//! and the Record::metrics keys whose sums are kept.
inline constexpr std::array<std::string_view, 4> kWeightNames = {"count", "downloads", "stars", "likes"};
inline constexpr size_t kWeightCount = kWeightNames.size();

//! Index of `name` in kWeightNames, or kWeightCount when it is none of them.
size_t WeightIndex(std::string_view name);

//! One figure under every weight at once (a record counts once and adds its
//! downloads, stars and likes). Sums wrap modulo 2^64 rather than overflow,
//! so that subtracting what was added always returns to the same value.
struct Measure {
  std::array<int64_t, kWeightCount> v{};

  void Add(const Measure& other, int sign);
  bool IsZero() const;
  bool operator==(const Measure&) const = default;
};

//! What one record weighs: 1, then its metrics (absent or negative: 0).
Measure WeightsOf(const mltrend::Record& record);

//! The figures of one (source, period) as a query reports them, under
//! every weight: what a Tally (tally.hpp) evaluates to under one view, and
//! what an observed snapshot stores. All are sums over records, so cells of
//! months add up to quarters and years.
struct Cell {
  Measure total;
  Measure classified;  //!< records with a non-empty framework set
  Measure unknown;     //!< records with an empty set
  Measure multi;       //!< records with two or more frameworks
  //! Classified records by the grade of their evidence (direct, library,
  //! lineage): they add up to `classified`.
  std::array<Measure, kGradeCount> grades{};
  //! Records classified, but only with frameworks a query's `among=` left
  //! out: total = classified + unknown + outside.
  Measure outside;
  //! framework -> records whose set is exactly {framework}; no zero entries.
  std::map<std::string, Measure, std::less<>> exclusive;
  //! framework -> records whose set contains framework; no zero entries.
  std::map<std::string, Measure, std::less<>> available;

  //! Adds (sign 1) or removes (sign -1) one record with framework set `set`
  //! (bits index `frameworks`), evidence grade `grade` (ignored when `set`
  //! is empty) and weights `weights`.
  void Apply(FrameworkSet set, Grade grade, const std::vector<std::string>& frameworks, const Measure& weights,
             int sign);
  //! Adds every figure of `other` (rolling months up into a quarter).
  void Merge(const Cell& other);
  bool IsZero() const;
  bool operator==(const Cell&) const = default;
};

//! The cell as text for the sink's state: one line per figure,
//! "total|classified|unknown|multi <w...>", "x|a <framework> <w...>",
//! "g <grade> <w...>" and "outside <w...>" (the last two only when non-zero,
//! so snapshots written before grades existed still read).
std::string EncodeCell(const Cell& cell);
//! Inverse of EncodeCell; false (and `out` unspecified) on malformed text.
bool DecodeCell(std::string_view text, Cell& out);

}  // namespace mltrend::share
