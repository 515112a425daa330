//===----------------------------------------------------------------------===//
// mltrend paperswithcode plugin — pwc_dump_ingest.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>

#include "mltrend/source.hpp"
#include "pwc_config.hpp"

namespace mltrend::pwc {

//! Source state keys (Page::state) of dump mode.
inline constexpr const char* kStateFingerprint = "links.fingerprint";  //!< of the last fully ingested dump
inline constexpr const char* kStateEtag = "links.etag";                //!< URL: its ETag, for If-None-Match
inline constexpr const char* kStateLastModified = "links.last_modified";  //!< URL: for If-Modified-Since

//! Where a dump-mode run stands: `links` objects of the dump identified by
//! `fingerprint` are committed. Encoded "<links>\t<fingerprint>".
struct DumpPosition {
  uint64_t links = 0;
  std::string fingerprint;
};
std::string EncodeDumpPosition(const DumpPosition& position);
//! False for text that is not an encoded position.
bool DecodeDumpPosition(const std::string& text, DumpPosition& out);

//! One dump-mode run: ingest the links dump unless it is the one already
//! ingested, resuming a stopped run mid-dump. See README.md for the rules.
Status RunDumpMode(SourceContext& ctx, const Settings& settings);

}  // namespace mltrend::pwc
