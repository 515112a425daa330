//===----------------------------------------------------------------------===//
// tests — replay/load_directory.cpp
//===----------------------------------------------------------------------===//
#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "mltrend_test/replay_server.hpp"

namespace mltrend_test {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;

std::string ReadWholeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

//! Reads one exchanges.jsonl line; every error names the file and line.
class LineReader {
 public:
  LineReader(const fs::path& file, size_t line, element object) : file_(file), line_(line), object_(object) {}

  [[noreturn]] void Fail(const std::string& why) const {
    throw std::runtime_error(file_.string() + " line " + std::to_string(line_) + ": " + why);
  }

  bool Has(std::string_view key) const { return object_.at_key(key).error() == simdjson::SUCCESS; }

  std::string String(std::string_view key) const {
    std::string_view value;
    if (object_.at_key(key).get_string().get(value)) Fail("\"" + std::string(key) + "\" is not a string");
    return std::string(value);
  }

  int64_t Int(std::string_view key) const {
    int64_t value = 0;
    if (object_.at_key(key).get_int64().get(value)) Fail("\"" + std::string(key) + "\" is not an integer");
    return value;
  }

  bool Bool(std::string_view key) const {
    bool value = false;
    if (object_.at_key(key).get_bool().get(value)) Fail("\"" + std::string(key) + "\" is not true or false");
    return value;
  }

  std::vector<std::pair<std::string, std::string>> Headers() const {
    std::vector<std::pair<std::string, std::string>> out;
    simdjson::dom::array pairs;
    if (object_.at_key("headers").get_array().get(pairs)) Fail("\"headers\" is not an array");
    for (element pair : pairs) {
      simdjson::dom::array items;
      std::string_view name, value;
      if (pair.get_array().get(items) || items.size() != 2 || items.at(0).get_string().get(name) ||
          items.at(1).get_string().get(value)) {
        Fail("each of \"headers\" must be a [name, value] pair of strings");
      }
      out.emplace_back(std::string(name), std::string(value));
    }
    return out;
  }

  //! A [name, value] pair of strings under `key`.
  std::pair<std::string, std::string> Pair(std::string_view key) const {
    simdjson::dom::array items;
    std::string_view name, value;
    if (object_.at_key(key).get_array().get(items) || items.size() != 2 || items.at(0).get_string().get(name) ||
        items.at(1).get_string().get(value)) {
      Fail("\"" + std::string(key) + "\" must be a [name, value] pair of strings");
    }
    return {std::string(name), std::string(value)};
  }

  Exchange::Behaviour Behaviour() const {
    std::string name = String("behaviour");
    if (name == "normal") return Exchange::Behaviour::kNormal;
    if (name == "never_answer") return Exchange::Behaviour::kNeverAnswer;
    if (name == "dribble") return Exchange::Behaviour::kDribble;
    if (name == "close_early") return Exchange::Behaviour::kCloseEarly;
    Fail("unknown behaviour \"" + name + "\" (normal, never_answer, dribble, close_early)");
  }

 private:
  const fs::path& file_;
  size_t line_;
  element object_;
};

}  // namespace

void ReplayServer::LoadDirectory(const fs::path& dir) {
  fs::path file = dir / "exchanges.jsonl";
  std::istringstream lines(ReadWholeFile(file));
  simdjson::dom::parser parser;
  std::string text;
  for (size_t number = 1; std::getline(lines, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    element object;
    if (auto error = parser.parse(simdjson::padded_string(text)).get(object)) {
      throw std::runtime_error(file.string() + " line " + std::to_string(number) +
                               ": invalid JSON: " + simdjson::error_message(error));
    }
    LineReader line(file, number, object);
    if (!object.is_object()) line.Fail("is not a JSON object");
    if (!line.Has("target")) line.Fail("has no \"target\"");
    Exchange exchange;
    exchange.target = line.String("target");
    if (line.Has("method")) exchange.method = line.String("method");
    if (line.Has("status")) exchange.status = static_cast<int>(line.Int("status"));
    if (line.Has("headers")) exchange.headers = line.Headers();
    if (line.Has("body") && line.Has("body_file")) line.Fail("has both \"body\" and \"body_file\"");
    if (line.Has("body")) exchange.body = line.String("body");
    if (line.Has("body_file")) exchange.body = ReadWholeFile(dir / line.String("body_file"));
    if (line.Has("behaviour")) exchange.behaviour = line.Behaviour();
    if (line.Has("dribble_interval_ms")) exchange.dribble_interval = std::chrono::milliseconds(line.Int("dribble_interval_ms"));
    if (line.Has("gzip")) exchange.gzip = line.Bool("gzip");
    if (line.Has("when_header")) exchange.when_header = line.Pair("when_header");
    Add(std::move(exchange));
  }
}

}  // namespace mltrend_test
