//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_paper_dates.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "pwc_link_parser.hpp"
#include "mltrend/source.hpp"

namespace mltrend::pwc {

//! Each paper's `date` from the papers dump, for dating links. The dump is
//! streamed like the links dump; only the map stays: one entry per dated
//! paper (slug -> "YYYY-MM-DD"; by arXiv id only for papers without a
//! paper_url). For the full archive (~576k papers) that is roughly 60-80
//! MB, the one part of a dump-mode run that grows with the data.
class PaperDates {
 public:
  //! Reads `location` (absolute path or http(s) URL). Papers that fail to
  //! parse are skipped and counted (Skipped()), never fatal; a dump that is
  //! not an array of objects, or an HTTP error, is.
  Status Load(SourceContext& ctx, const std::string& location);
  //! The record date of `link`: its paper's date when the papers dump has
  //! one, else the month its arXiv id encodes, else "" (undated).
  std::string DateOf(const Link& link) const;

  size_t Size() const { return by_slug_.size() + by_arxiv_.size(); }
  size_t Skipped() const { return skipped_; }

 private:
  std::unordered_map<std::string, std::string> by_slug_;
  std::unordered_map<std::string, std::string> by_arxiv_;
  size_t skipped_ = 0;
};

//! Streams `location` (absolute path or http(s) URL: a GET whose 2xx body
//! goes to `chunk` as it arrives) into `chunk`. A non-2xx answer is an
//! error naming the status, except 429 (RateLimited).
Status StreamLocation(SourceContext& ctx, const std::string& location,
                      const std::function<Status(std::string_view)>& chunk);

}  // namespace mltrend::pwc
