//===----------------------------------------------------------------------===//
// framework_share — share_cell_table.cpp
//===----------------------------------------------------------------------===//
#include "share_cell_table.hpp"

#include "share_state_keys.hpp"

namespace mltrend::share {

void CellTable::Apply(std::string_view source, std::string_view month, const Signature& signature,
                      const Measure& weights, int sign) {
  scratch_.assign(source).push_back('\0');
  scratch_.append(month);
  auto hit = index_.find(scratch_);
  if (hit == index_.end()) {
    auto s = sources_.find(source);
    if (s == sources_.end()) s = sources_.emplace(std::string(source), Months{}).first;
    auto m = s->second.find(month);
    if (m == s->second.end()) m = s->second.emplace(std::string(month), Tally{}).first;
    hit = index_.emplace(scratch_, Slot{s, m}).first;
  }
  Slot& slot = hit->second;
  slot.cell->second.Apply(signature, weights, sign);
  if (!slot.changed) {
    changed_.emplace(slot.source->first, slot.cell->first);
    slot.changed = true;
  }
  if (slot.cell->second.IsZero()) {
    Months& months = slot.source->second;
    months.erase(slot.cell);
    if (months.empty()) sources_.erase(slot.source);
    index_.erase(hit);
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
    scratch_.assign(source).push_back('\0');
    scratch_.append(month);
    if (auto hit = index_.find(scratch_); hit != index_.end()) hit->second.changed = false;
  }
  changed_.clear();
}

void CellTable::WriteAll(mltrend::StateBatch& batch) {
  for (const auto& [source, months] : sources_)
    for (const auto& [month, cell] : months) batch.Put(StateKey(prefix_, source, month), EncodeTally(cell));
  changed_.clear();
  for (auto& [key, slot] : index_) slot.changed = false;
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
