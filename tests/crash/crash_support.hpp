//===----------------------------------------------------------------------===//
// tests/crash — crash_support.hpp
//===----------------------------------------------------------------------===//
// What the crash-consistency test compares: a store read raw, column family
// by column family, and every /v1/trends answer a daemon serves.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace crash {

//! Every key and value of a store, read with RocksDB itself (read-only),
//! one sorted map per column family ("records", "checkpoints", "sinks",
//! "meta", "changelog").
using StoreDump = std::map<std::string, std::map<std::string, std::string>>;
StoreDump DumpStore(const std::filesystem::path& state_dir);

//! The differences between the store of an interrupted run and that of an
//! uninterrupted one, one line each (empty: none). Compared byte for byte:
//! every record; every checkpoint and source state value except those that
//! hold the wall-clock time of the run that wrote them (their keys must
//! still match); every sink state value (cells and observed snapshots)
//! except the cursor, which must instead equal the store's own last
//! change-log sequence (the sink folded everything); the per-source record
//! counts. The change log is left out: it is pruned as sinks fold.
std::vector<std::string> CompareStores(const StoreDump& interrupted, const StoreDump& uninterrupted);

//! The daemon's config for the test: source "hf" (huggingface at `hub`,
//! pages of 25, `max_pages` a run), source "pwc" (paperswithcode over the
//! dump at `pwc_dump`, pages of 25), sinks "trends" and "official"
//! (framework_share, the second official_only), state and socket in `dir`.
std::string DaemonConfig(const std::filesystem::path& dir, const std::string& hub,
                         const std::filesystem::path& pwc_dump, int max_pages);

//! Every /v1/trends target the test asks: each sink x source x axis x
//! bucket x metric x weight.
std::vector<std::string> TrendsTargets();

//! A printable excerpt of a (possibly binary) key or value.
std::string Printable(const std::string& bytes, size_t max = 120);

}  // namespace crash
