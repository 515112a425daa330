//===----------------------------------------------------------------------===//
// framework_share — cell_table.cpp
//===----------------------------------------------------------------------===//
#include "framework_share/cell_table.hpp"

#include "framework_share/period.hpp"
#include "framework_share/slice.hpp"
#include "framework_share/state_keys.hpp"

namespace framework_share {

void CellTable::Apply(std::string_view source, std::string_view month, FrameworkSet set,
                      const std::vector<std::string>& frameworks, const Measure& weights, int sign) {
  auto s = sources_.find(source);
  if (s == sources_.end()) s = sources_.emplace(std::string(source), Months{}).first;
  auto m = s->second.find(month);
  if (m == s->second.end()) m = s->second.emplace(std::string(month), Cell{}).first;
  m->second.Apply(set, frameworks, weights, sign);
  // Most records land in a cell already marked: look before building a pair.
  if (!changed_.contains(std::pair<std::string_view, std::string_view>(s->first, m->first)))
    changed_.emplace(s->first, m->first);
  if (m->second.IsZero()) {
    s->second.erase(m);
    if (s->second.empty()) sources_.erase(s);
  }
}

void CellTable::Load(std::string source, std::string month, Cell cell) {
  if (cell.IsZero()) return;
  sources_[std::move(source)][std::move(month)] = std::move(cell);
}

void CellTable::WriteChanged(mltrend::StateBatch& batch) {
  for (const auto& [source, month] : changed_) {
    const Months* months = Find(source);
    auto it = months ? months->find(month) : Months::const_iterator{};
    if (months && it != months->end())
      batch.Put(StateKey(prefix_, source, month), EncodeCell(it->second));
    else
      batch.Delete(StateKey(prefix_, source, month));
  }
  changed_.clear();
}

void CellTable::WriteAll(mltrend::StateBatch& batch) {
  for (const auto& [source, months] : sources_)
    for (const auto& [month, cell] : months) batch.Put(StateKey(prefix_, source, month), EncodeCell(cell));
  changed_.clear();
}

const CellTable::Months* CellTable::Find(std::string_view source) const {
  auto it = sources_.find(source);
  return it == sources_.end() ? nullptr : &it->second;
}

Cell CellTable::Totals(std::string_view source) const {
  Cell sum;
  if (const Months* months = Find(source))
    for (const auto& [month, cell] : *months) sum.Merge(cell);
  return sum;
}

void FoldRecord(const Classifier& classifier, bool official_only, std::string_view source,
                const mltrend::Record& record, int sign, CellTable& table, CellTable* slices) {
  if (official_only) {
    auto it = record.attrs.find("is_official");
    if (it == record.attrs.end() || it->second != "true") return;
  }
  const std::string month = CohortMonth(record);
  const FrameworkSet set = classifier.Classify(record);
  const Measure weights = WeightsOf(record);
  table.Apply(source, month, set, classifier.Frameworks(), weights, sign);
  if (slices) slices->Apply(source, SliceLabelOf(month, record), set, classifier.Frameworks(), weights, sign);
}

}  // namespace framework_share
