//===----------------------------------------------------------------------===//
// framework_share — share_observations.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <map>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "share_cell.hpp"
#include "mltrend/sink.hpp"

namespace mltrend::share {

//! The whole store of one source as a fold saw it on one UTC day.
struct Observation {
  std::string rules_version;  //!< the rules it was classified with
  Cell totals;
  bool operator==(const Observation&) const = default;
};

//! "YYYY-MM-DD" of `day`, and back (false unless a real calendar date).
std::string FormatDate(std::chrono::sys_days day);
bool ParseDate(std::string_view text, std::chrono::sys_days& out);

std::string EncodeObservation(const Observation& observation);
bool DecodeObservation(std::string_view text, Observation& out);

//! The observed axis: dated snapshots per source, which only the daemon's
//! own history can produce (they survive a rules recompute for that reason).
class ObservationLog {
 public:
  using Dates = std::map<std::string, Observation, std::less<>>;

  //! Sets the snapshot of `source` for `date` ("YYYY-MM-DD"), replacing an
  //! earlier one of the same day.
  void Record(const std::string& source, const std::string& date, Observation observation);
  void Load(std::string source, std::string date, Observation observation);
  //! The retention policy, as of `today`: every snapshot at most
  //! `daily_days` old stays; older ones stay only while at most
  //! `history_days` old and the latest stored of their ISO week (Monday to
  //! Sunday). Snapshots with an unreadable date go. Idempotent: pruning twice
  //! on one day changes nothing, and a week's survivor never changes once
  //! all of the week has left the daily window.
  void Prune(std::chrono::sys_days today, int64_t daily_days, int64_t history_days);
  void WriteChanged(mltrend::StateBatch& batch);
  void WriteAll(mltrend::StateBatch& batch);

  const std::map<std::string, Dates, std::less<>>& All() const { return sources_; }
  //! The snapshots of `source`, oldest first, or nullptr when none.
  const Dates* Find(std::string_view source) const;

 private:
  std::map<std::string, Dates, std::less<>> sources_;
  std::set<std::pair<std::string, std::string>> changed_;
};

}  // namespace mltrend::share
