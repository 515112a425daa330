//===----------------------------------------------------------------------===//
// bench — ceiling.cpp: the machine's ceiling for the ingest path
//===----------------------------------------------------------------------===//
// `mltrend-bench-ceiling --dir PAGES --db DIR` reads every page-*.json of a
// bench/gen_hf_pages.py directory into memory (not timed), then times two
// things on those same bytes, each alone:
//   parse: simdjson On-Demand over every model object, every field's value
//          read (strings unescaped, numbers converted, tags iterated) and
//          nothing built from it;
//   write: one RocksDB WriteBatch per page of one Put per model (key
//          "hf\0<_id>", value the model's raw JSON), written to a fresh
//          database with the WAL on and sync off (the daemon's default).
// It prints one line of key=value pairs for bench/bench.py.
#include <simdjson.h>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace od = simdjson::ondemand;
using Clock = std::chrono::steady_clock;

std::vector<simdjson::padded_string> ReadPages(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("page-") && name.ends_with(".json")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<simdjson::padded_string> pages;
  for (const fs::path& file : files) {
    simdjson::padded_string text;
    if (simdjson::padded_string::load(file.string()).get(text)) throw std::runtime_error("cannot read " + file.string());
    pages.push_back(std::move(text));
  }
  return pages;
}

//! Reads every value of one model; returns a checksum so nothing is optimised away.
simdjson::error_code ReadModel(od::object object, uint64_t& sum) {
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value value;
    if (auto e = field.value().get(value)) return e;
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      sum += s.size();
    } else if (type == od::json_type::number) {
      int64_t n = 0;
      if (auto e = value.get_int64().get(n)) return e;
      sum += static_cast<uint64_t>(n);
    } else if (type == od::json_type::array) {
      od::array items;
      if (auto e = value.get_array().get(items)) return e;
      for (auto item : items) {
        std::string_view s;
        if (auto e = item.get_string().get(s)) return e;
        sum += s.size();
      }
    } else {
      sum += value.raw_json_token().size();
    }
  }
  return simdjson::SUCCESS;
}

size_t ParseAll(const std::vector<simdjson::padded_string>& pages, uint64_t& sum) {
  od::parser parser;
  size_t models = 0;
  for (const auto& page : pages) {
    od::document doc;
    if (parser.iterate(page).get(doc)) throw std::runtime_error("page is not JSON");
    od::array array;
    if (doc.get_array().get(array)) throw std::runtime_error("page is not an array");
    for (auto item : array) {
      od::object object;
      if (item.get_object().get(object) || ReadModel(object, sum)) throw std::runtime_error("bad model");
      ++models;
    }
  }
  return models;
}

//! The same read through the DOM API, whose kernel simdjson picks at run
//! time for this CPU (On-Demand's is fixed when the caller is compiled).
size_t ParseAllDom(const std::vector<simdjson::padded_string>& pages, uint64_t& sum) {
  simdjson::dom::parser parser;
  size_t models = 0;
  for (const auto& page : pages) {
    simdjson::dom::array array;
    if (parser.parse(page).get_array().get(array)) throw std::runtime_error("page is not an array");
    for (simdjson::dom::object object : array) {
      for (auto [key, value] : object) {
        sum += key.size();
        if (value.is_string()) sum += value.get_string().value_unsafe().size();
        else if (value.is_int64()) sum += static_cast<uint64_t>(value.get_int64().value_unsafe());
        else if (simdjson::dom::array items; value.get_array().get(items) == simdjson::SUCCESS)
          for (simdjson::dom::element item : items) sum += item.get_string().value_unsafe().size();
      }
      ++models;
    }
  }
  return models;
}

//! The (key, value) pairs of every page, split out before the write is timed.
std::vector<std::vector<std::pair<std::string, std::string>>> Split(const std::vector<simdjson::padded_string>& pages) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out;
  od::parser parser;
  for (const auto& page : pages) {
    auto& batch = out.emplace_back();
    od::document doc;
    od::array array;
    if (parser.iterate(page).get(doc) || doc.get_array().get(array)) throw std::runtime_error("bad page");
    for (auto item : array) {
      od::object object;
      std::string_view id, raw;
      if (item.get_object().get(object) || object["_id"].get_string().get(id)) throw std::runtime_error("bad model");
      std::string key = std::string("hf") + '\0' + std::string(id);
      object.reset();
      if (object.raw_json().get(raw)) throw std::runtime_error("bad model");
      batch.emplace_back(std::move(key), std::string(raw));
    }
  }
  return out;
}

size_t WriteAll(const std::vector<std::vector<std::pair<std::string, std::string>>>& pages, const fs::path& dir) {
  fs::remove_all(dir);
  rocksdb::Options options;
  options.create_if_missing = true;
  options.max_background_jobs = 2;  // as the daemon's store
  options.bytes_per_sync = 1 << 20;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir.string(), &raw);
  if (!s.ok()) throw std::runtime_error("cannot open " + dir.string() + ": " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions write;
  write.sync = false;
  size_t models = 0;
  for (const auto& page : pages) {
    rocksdb::WriteBatch batch;
    for (const auto& [key, value] : page) {
      if (!batch.Put(key, value).ok()) throw std::runtime_error("batch put failed");
    }
    if (!(s = db->Write(write, &batch)).ok()) throw std::runtime_error("write failed: " + s.ToString());
    models += page.size();
  }
  db.reset();
  fs::remove_all(dir);
  return models;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

}  // namespace

int main(int argc, char** argv) {
  fs::path dir, db;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--dir") dir = argv[i + 1];
    else if (flag == "--db") db = argv[i + 1];
  }
  if (dir.empty() || db.empty()) {
    std::cerr << "usage: mltrend-bench-ceiling --dir PAGES --db SCRATCH_DIR\n";
    return 2;
  }
  try {
    auto pages = ReadPages(dir);
    uint64_t sum = 0;
    auto start = Clock::now();
    size_t parsed = ParseAll(pages, sum);
    double parse_s = Seconds(start);
    start = Clock::now();
    size_t dom_parsed = ParseAllDom(pages, sum);
    double dom_s = Seconds(start);
    auto pairs = Split(pages);
    pages.clear();
    start = Clock::now();
    size_t written = WriteAll(pairs, db);
    double write_s = Seconds(start);
    std::printf("simdjson=%s dom=%s models=%zu parse_s=%.4f parse_rps=%.0f dom_rps=%.0f write_s=%.4f write_rps=%.0f checksum=%llu\n",
                simdjson::builtin_implementation()->name().c_str(),
                simdjson::get_active_implementation()->name().c_str(), parsed, parse_s, parsed / parse_s,
                dom_parsed / dom_s, write_s, written / write_s, static_cast<unsigned long long>(sum));
  } catch (const std::exception& e) {
    std::cerr << "mltrend-bench-ceiling: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
