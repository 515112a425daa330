//===----------------------------------------------------------------------===//
// tests/crash — crash_support.cpp
//===----------------------------------------------------------------------===//
#include "crash_support.hpp"

#include <rocksdb/db.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "mltrend_test/test_support.hpp"

namespace crash {

namespace {

//! Checkpoint-family keys whose value is the wall-clock time of the run that
//! wrote it (huggingface: when the full crawl finished, where the next
//! refresh stops): present on both sides, never equal.
bool HoldsRunTime(const std::string& key) {
  return key == std::string("hf\0full/finished_at", 19) || key == std::string("hf\0refresh/modified_mark", 24);
}

//! "store.last_sequence" of a dump, 0 when absent.
uint64_t LastSequence(const StoreDump& dump) {
  auto meta = dump.find("meta");
  if (meta == dump.end()) return 0;
  auto it = meta->second.find("store.last_sequence");
  return it == meta->second.end() ? 0 : std::stoull(it->second);
}

uint64_t BigEndian(const std::string& bytes) {
  uint64_t v = 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  return v;
}

const std::map<std::string, std::string>& Family(const StoreDump& dump, const std::string& name) {
  static const std::map<std::string, std::string> kEmpty;
  auto it = dump.find(name);
  return it == dump.end() ? kEmpty : it->second;
}

//! Compares one family key by key; `same_value` says whether two values of
//! a key count as equal.
template <typename SameValue>
void CompareFamily(const std::string& name, const StoreDump& a, const StoreDump& b, SameValue same_value,
                   std::vector<std::string>& out) {
  const auto& fa = Family(a, name);
  const auto& fb = Family(b, name);
  auto ia = fa.begin();
  auto ib = fb.begin();
  while (ia != fa.end() || ib != fb.end()) {
    if (ib == fb.end() || (ia != fa.end() && ia->first < ib->first)) {
      out.push_back(name + ": only the interrupted run has key " + Printable(ia->first));
      ++ia;
    } else if (ia == fa.end() || ib->first < ia->first) {
      out.push_back(name + ": only the uninterrupted run has key " + Printable(ib->first));
      ++ib;
    } else {
      if (!same_value(ia->first, ia->second, ib->second)) {
        out.push_back(name + ": key " + Printable(ia->first) + " holds " + Printable(ia->second) + " instead of " +
                      Printable(ib->second));
      }
      ++ia;
      ++ib;
    }
  }
}

}  // namespace

std::string Printable(const std::string& bytes, size_t max) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    const auto u = static_cast<unsigned char>(bytes[i]);
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, u >= 0x20 && u < 0x7f ? "%c" : "\\x%02x", u);
    out += escaped;
  }
  return bytes.size() > max ? out + "..." : out;
}

StoreDump DumpStore(const std::filesystem::path& state_dir) {
  rocksdb::Options options;
  std::vector<std::string> names;
  auto s = rocksdb::DB::ListColumnFamilies(options, state_dir.string(), &names);
  if (!s.ok()) throw std::runtime_error("cannot list the column families of " + state_dir.string() + ": " + s.ToString());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), state_dir.string(), descriptors, &handles, &raw);
  if (!s.ok()) throw std::runtime_error("cannot open " + state_dir.string() + " read-only: " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  StoreDump dump;
  for (size_t i = 0; i < handles.size(); ++i) {
    auto& family = dump[names[i]];
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) family.emplace(it->key().ToString(), it->value().ToString());
    if (!it->status().ok()) throw std::runtime_error("cannot read " + names[i] + ": " + it->status().ToString());
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  return dump;
}

std::vector<std::string> CompareStores(const StoreDump& interrupted, const StoreDump& uninterrupted) {
  std::vector<std::string> out;
  auto exact = [](const std::string&, const std::string& a, const std::string& b) { return a == b; };
  CompareFamily("records", interrupted, uninterrupted, exact, out);
  CompareFamily(
      "checkpoints", interrupted, uninterrupted,
      [](const std::string& key, const std::string& a, const std::string& b) { return HoldsRunTime(key) || a == b; },
      out);
  // A cursor is the one sink key holding '\1': it must say "folded all".
  CompareFamily(
      "sinks", interrupted, uninterrupted,
      [](const std::string& key, const std::string& a, const std::string& b) {
        return key.find('\1') != std::string::npos || a == b;
      },
      out);
  for (const StoreDump* dump : {&interrupted, &uninterrupted}) {
    const char* which = dump == &interrupted ? "interrupted" : "uninterrupted";
    for (const auto& [key, value] : Family(*dump, "sinks")) {
      if (key.find('\1') == std::string::npos) continue;
      if (BigEndian(value) != LastSequence(*dump)) {
        out.push_back(std::string("sinks: in the ") + which + " run the cursor of sink " +
                      Printable(key.substr(0, key.find('\1'))) + " is " + std::to_string(BigEndian(value)) +
                      ", not the last sequence " + std::to_string(LastSequence(*dump)));
      }
    }
  }
  StoreDump counts_a, counts_b;
  for (const auto& [key, value] : Family(interrupted, "meta"))
    if (key.rfind("store.record_count.", 0) == 0) counts_a["meta"][key] = value;
  for (const auto& [key, value] : Family(uninterrupted, "meta"))
    if (key.rfind("store.record_count.", 0) == 0) counts_b["meta"][key] = value;
  CompareFamily("meta", counts_a, counts_b, exact, out);
  return out;
}

std::string DaemonConfig(const std::filesystem::path& dir, const std::string& hub,
                         const std::filesystem::path& pwc_dump, int max_pages) {
  const std::string rules = mltrend_test::FixturePath("../../config/rules/frameworks.toml").string();
  // requests_per_window: the many restarts must never meet the local budget.
  return "[daemon]\n"
         "state_dir = \"" + (dir / "state").string() + "\"\n"
         "socket = \"" + (dir / "run/mltrend.sock").string() + "\"\n"
         "plugin_dir = \"" + mltrend_test::BuildPath("lib/mltrend/plugins").string() + "\"\n"
         "log_level = \"info\"\n"
         "\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\ninterval = \"6h\"\njitter = \"0s\"\n"
         "base_url = \"" + hub + "\"\nlimit = 25\nmax_pages = " + std::to_string(max_pages) + "\n"
         "requests_per_window = 1000000\n"
         "\n[[source]]\nname = \"pwc\"\nplugin = \"paperswithcode\"\ninterval = \"6h\"\njitter = \"0s\"\n"
         "links = \"" + pwc_dump.string() + "\"\npage_size = 25\n"
         "\n[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\nrules = \"" + rules + "\"\n"
         "\n[[sink]]\nname = \"official\"\nplugin = \"framework_share\"\nofficial_only = true\n"
         "rules = \"" + rules + "\"\n";
}

std::vector<std::string> TrendsTargets() {
  std::vector<std::string> out;
  for (const char* sink : {"trends", "official"})
    for (const char* source : {"hf", "pwc"})
      for (const char* axis : {"cohort", "observed"})
        for (const char* bucket : {"month", "quarter", "year"})
          for (const char* metric : {"exclusive", "available"})
            for (const char* weight : {"count", "downloads", "stars", "likes"})
              out.push_back(std::string("/v1/trends?sink=") + sink + "&source=" + source + "&axis=" + axis +
                            "&bucket=" + bucket + "&metric=" + metric + "&weight=" + weight);
  return out;
}

}  // namespace crash
