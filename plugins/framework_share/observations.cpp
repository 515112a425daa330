//===----------------------------------------------------------------------===//
// framework_share — observations.cpp
//===----------------------------------------------------------------------===//
#include "framework_share/observations.hpp"

#include "framework_share/state_keys.hpp"

namespace framework_share {

std::string EncodeObservation(const Observation& observation) {
  std::string version = observation.rules_version;
  for (char& c : version)
    if (c == '\n' || c == '\r') c = ' ';
  return "rules " + version + "\n" + EncodeCell(observation.totals);
}

bool DecodeObservation(std::string_view text, Observation& out) {
  constexpr std::string_view kHead = "rules ";
  size_t nl = text.find('\n');
  if (text.substr(0, kHead.size()) != kHead || nl == std::string_view::npos) return false;
  out.rules_version = std::string(text.substr(kHead.size(), nl - kHead.size()));
  return DecodeCell(text.substr(nl + 1), out.totals);
}

void ObservationLog::Record(const std::string& source, const std::string& date, Observation observation) {
  sources_[source][date] = std::move(observation);
  changed_.emplace(source, date);
}

void ObservationLog::Load(std::string source, std::string date, Observation observation) {
  sources_[std::move(source)][std::move(date)] = std::move(observation);
}

void ObservationLog::Prune(std::string_view oldest_kept) {
  for (auto s = sources_.begin(); s != sources_.end();) {
    Dates& dates = s->second;
    for (auto d = dates.begin(); d != dates.end() && d->first < oldest_kept;) {
      changed_.emplace(s->first, d->first);
      d = dates.erase(d);
    }
    s = dates.empty() ? sources_.erase(s) : std::next(s);
  }
}

void ObservationLog::WriteChanged(mltrend::StateBatch& batch) {
  for (const auto& [source, date] : changed_) {
    const Dates* dates = Find(source);
    auto it = dates ? dates->find(date) : Dates::const_iterator{};
    if (dates && it != dates->end())
      batch.Put(ObservationKey(source, date), EncodeObservation(it->second));
    else
      batch.Delete(ObservationKey(source, date));
  }
  changed_.clear();
}

void ObservationLog::WriteAll(mltrend::StateBatch& batch) {
  for (const auto& [source, dates] : sources_)
    for (const auto& [date, observation] : dates)
      batch.Put(ObservationKey(source, date), EncodeObservation(observation));
  changed_.clear();
}

const ObservationLog::Dates* ObservationLog::Find(std::string_view source) const {
  auto it = sources_.find(source);
  return it == sources_.end() ? nullptr : &it->second;
}

}  // namespace framework_share
