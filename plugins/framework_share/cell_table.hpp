//===----------------------------------------------------------------------===//
// framework_share — cell_table.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framework_share/cell.hpp"
#include "framework_share/classifier.hpp"
#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"

namespace framework_share {

//! Every cohort cell of every source, at month granularity, with the set of
//! cells changed since they were last written, so a fold writes only those.
//! A cell that returns to zero is dropped (and deleted from the state).
class CellTable {
 public:
  using Months = std::map<std::string, Cell, std::less<>>;
  using Sources = std::map<std::string, Months, std::less<>>;

  void Apply(std::string_view source, std::string_view month, FrameworkSet set,
             const std::vector<std::string>& frameworks, const Measure& weights, int sign);
  //! Places a cell read back from the state (not marked changed).
  void Load(std::string source, std::string month, Cell cell);
  //! Puts every changed cell (deletes the ones now zero) into `batch` and
  //! forgets the changes.
  void WriteChanged(mltrend::StateBatch& batch);
  //! Puts every cell into `batch` (after a clear_all) and forgets the changes.
  void WriteAll(mltrend::StateBatch& batch);

  const Sources& All() const { return sources_; }
  //! The cells of `source`, or nullptr when it has none.
  const Months* Find(std::string_view source) const;
  //! The sum of every cell of `source`: the whole store as seen now.
  Cell Totals(std::string_view source) const;
  bool operator==(const CellTable& other) const { return sources_ == other.sources_; }

 private:
  Sources sources_;
  std::set<std::pair<std::string, std::string>> changed_;
};

//! Adds (sign 1) or takes back (sign -1) what `record` of `source` counts
//! for: nothing when `official_only` and the record is not an official
//! Papers with Code link, else one record in its cohort month cell.
void FoldRecord(const Classifier& classifier, bool official_only, std::string_view source,
                const mltrend::Record& record, int sign, CellTable& table);

}  // namespace framework_share
