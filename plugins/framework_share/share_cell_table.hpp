//===----------------------------------------------------------------------===//
// framework_share — share_cell_table.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "share_tally.hpp"
#include "share_state_keys.hpp"
#include "mltrend/record.hpp"
#include "mltrend/sink.hpp"

namespace mltrend::share {

//! Every cohort cell of every source, keyed by a label (a month for the
//! plain cells, a SliceLabel for the sliced ones), with the set of cells
//! changed since they were last written, so a fold writes only those.
//! A cell that returns to zero is dropped (and deleted from the state).
class CellTable {
 public:
  using Months = std::map<std::string, Tally, std::less<>>;
  using Sources = std::map<std::string, Months, std::less<>>;

  //! `prefix` is the state key prefix the cells are written under.
  explicit CellTable(std::string_view prefix = kCellPrefix) : prefix_(prefix) {}
  //! A copy starts with an empty index (the index points into its maps).
  CellTable(const CellTable& other) : prefix_(other.prefix_), sources_(other.sources_), changed_(other.changed_) {}
  CellTable& operator=(const CellTable& other) {
    if (this != &other) *this = CellTable(other);
    return *this;
  }
  //! A move keeps the index: a moved std::map keeps its nodes.
  CellTable(CellTable&&) noexcept = default;
  CellTable& operator=(CellTable&&) noexcept = default;

  //! Adds (sign 1) or takes back (sign -1) one record of `source` counted
  //! with `signature` and `weights` in the cell `label`.
  void Apply(std::string_view source, std::string_view label, const Signature& signature, const Measure& weights,
             int sign);
  //! Places a cell read back from the state (not marked changed).
  void Load(std::string source, std::string month, Tally cell);
  //! Puts every changed cell (deletes the ones now zero) into `batch` and
  //! forgets the changes.
  void WriteChanged(mltrend::StateBatch& batch);
  //! Puts every cell into `batch` (after a clear_all) and forgets the changes.
  void WriteAll(mltrend::StateBatch& batch);

  const Sources& All() const { return sources_; }
  //! The cells of `source`, or nullptr when it has none.
  const Months* Find(std::string_view source) const;
  //! The sum of every cell of `source`: the whole store as seen now.
  Tally Totals(std::string_view source) const;
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
  //! Where a cell Apply has touched lives, by "<source>\0<label>": a hash
  //! lookup per record instead of two ordered-map walks of string compares
  //! (a fifth of a full recompute's staging). Entries go when their cell does.
  struct Slot {
    Sources::iterator source;
    Months::iterator cell;
    bool changed = false;  //!< in changed_ already
  };
  std::unordered_map<std::string, Slot> index_;
  std::string scratch_;  //!< the index key being looked up, reused
};

}  // namespace mltrend::share
