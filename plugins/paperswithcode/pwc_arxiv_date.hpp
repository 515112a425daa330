//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_arxiv_date.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace mltrend::pwc {

//! The submission month ("YYYY-MM") an arXiv identifier encodes, or "" when
//! `id` is not a well-formed identifier. This is how PwC's Trends chart
//! dated a link when it had nothing better.
//!
//! New style (April 2007 on): `YYMM.NNNN` (to 1412) or `YYMM.NNNNN` (from
//! 1501), always 20YY; months before 0704 do not exist in this scheme.
//! Old style (August 1991 to March 2007): `archive[.SUBJ]/YYMMNNN`, e.g.
//! `hep-th/9901001`; arXiv began in 1991, so YY 91-99 is 19YY and 00-07 is
//! 20YY, and 08-90 is refused. Either may carry a `vN` version suffix and an
//! `arXiv:` prefix.
std::string ArxivMonth(std::string_view id);

}  // namespace mltrend::pwc
