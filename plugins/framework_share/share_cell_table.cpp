//===----------------------------------------------------------------------===//
// framework_share — share_cell_table.cpp
//===----------------------------------------------------------------------===//
#include "share_cell_table.hpp"

#include "share_state_keys.hpp"

namespace mltrend::share {

void CellTable::Apply(std::string_view source, std::string_view month, const Signature& signature,
                      const Measure& weights, int sign) {
  auto s = sources_.find(source);
  if (s == sources_.end()) s = sources_.emplace(std::string(source), Months{}).first;
  auto m = s->second.find(month);
  if (m == s->second.end()) m = s->second.emplace(std::string(month), Tally{}).first;
  m->second.Apply(signature, weights, sign);
  // Most records land in a cell already marked: look before building a pair.
  if (!changed_.contains(std::pair<std::string_view, std::string_view>(s->first, m->first)))
    changed_.emplace(s->first, m->first);
  if (m->second.IsZero()) {
    s->second.erase(m);
    if (s->second.empty()) sources_.erase(s);
  }
}

void CellTable::Load(std::string source, std::string month, Tally cell) {
  if (cell.IsZero()) return;
  sources_[std::move(source)][std::move(month)] = std::move(cell);
}

void CellTable::WriteChanged(mltrend::StateBatch& batch) {
  for (const auto& [source, month] : changed_) {
    const Months* months = Find(source);
    auto it = months ? months->find(month) : Months::const_iterator{};
    if (months && it != months->end())
      batch.Put(StateKey(prefix_, source, month), EncodeTally(it->second));
    else
      batch.Delete(StateKey(prefix_, source, month));
  }
  changed_.clear();
}

void CellTable::WriteAll(mltrend::StateBatch& batch) {
  for (const auto& [source, months] : sources_)
    for (const auto& [month, cell] : months) batch.Put(StateKey(prefix_, source, month), EncodeTally(cell));
  changed_.clear();
}

const CellTable::Months* CellTable::Find(std::string_view source) const {
  auto it = sources_.find(source);
  return it == sources_.end() ? nullptr : &it->second;
}

Tally CellTable::Totals(std::string_view source) const {
  Tally sum;
  if (const Months* months = Find(source))
    for (const auto& [month, cell] : *months) sum.Merge(cell);
  return sum;
}

}  // namespace mltrend::share
