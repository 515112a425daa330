//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_source.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrend/config.hpp"
#include "mltrend/source.hpp"

namespace mltrend::pwc {

//! Papers with Code paper-code links. Dump mode (`links` set): streams the
//! archive's links dump in flat memory, re-ingesting only a changed dump and
//! resuming a stopped run mid-dump. API mode (`links` empty): crawls a
//! REST API at `api_base_url` (the relaunched paperswithcode.co, or a
//! mirror), newest first by default. Dump then API (`links` and
//! `live_api`): history from the dump, newer papers from the API, one record
//! per link. Records are keyed by "<paper id> <repo_url>" alike. See README.md.
class PapersWithCodeSource final : public Source {
 public:
  //! Never throws: an unexpected exception becomes Status::Internal.
  Status Run(SourceContext& ctx) override;
  //! ReadSettings' checks at config load. No I/O.
  static Status Validate(const ConfigValues& config, std::string& bad_key);
};

}  // namespace mltrend::pwc
