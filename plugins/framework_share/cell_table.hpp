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
#include "framework_share/state_keys.hpp"
#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"

namespace framework_share {

//! Every cohort cell of every source, keyed by a label (a month for the
//! plain cells, a SliceLabel for the sliced ones), with the set of cells
//! changed since they were last written, so a fold writes only those.
//! A cell that returns to zero is dropped (and deleted from the state).
class CellTable {
 public:
  using Months = std::map<std::string, Cell, std::less<>>;
  using Sources = std::map<std::string, Months, std::less<>>;

  //! `prefix` is the state key prefix the cells are written under.
  explicit CellTable(std::string_view prefix = kCellPrefix) : prefix_(prefix) {}

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
  std::string prefix_;
  Sources sources_;
  //! Orders (source, label) pairs of std::string and std::string_view
  //! alike, so Apply finds an already changed cell without building strings.
  struct PairLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };
  std::set<std::pair<std::string, std::string>, PairLess> changed_;
};

//! Adds (sign 1) or takes back (sign -1) what `record` of `source` counts
//! for: nothing when `official_only` and the record is not an official
//! Papers with Code link, else one record in its cohort month cell and,
//! when `slices` is given, one in its (month, task, library) slice.
void FoldRecord(const Classifier& classifier, bool official_only, std::string_view source,
                const mltrend::Record& record, int sign, CellTable& table, CellTable* slices = nullptr);

}  // namespace framework_share
