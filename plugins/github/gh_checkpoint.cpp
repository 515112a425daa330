//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_checkpoint.cpp
//===----------------------------------------------------------------------===//
#include "gh_checkpoint.hpp"

#include <sstream>

#include "gh_dates.hpp"

namespace mltrend::gh {

namespace {

bool ParseCount(const std::string& text, int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool ParseSlice(const std::string& text, Slice& out) {
  if (text == "*") {
    out = Slice{};
    return true;
  }
  size_t dots = text.find("..");
  if (dots == std::string::npos) return false;
  auto from = ParseDay(text.substr(0, dots));
  auto to = ParseDay(text.substr(dots + 2));
  if (!from || !to || *to < *from) return false;
  out = Slice{false, *from, *to};
  return true;
}

}  // namespace

std::string Slice::Qualifier() const { return whole ? "" : " created:" + ToString(); }

std::string Slice::ToString() const { return whole ? "*" : FormatDay(from) + ".." + FormatDay(to); }

std::string EncodeCheckpoint(const Position& p) {
  std::string slices;
  for (const Slice& s : p.pending) slices += (slices.empty() ? "" : " ") + s.ToString();
  return "gh1\n" + std::to_string(p.query) + "\n" + p.query_text + "\n" + FormatDay(p.until) + "\n" +
         std::to_string(p.page) + "\n" + p.next_url + "\n" + slices;
}

Status DecodeCheckpoint(const std::string& text, Position& out) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() == 6) lines.emplace_back();  // getline drops a last empty line
  if (lines.size() != 7 || lines[0] != "gh1") return Status::Invalid("not a github checkpoint");
  Position p;
  int64_t query = 0;
  auto until = ParseDay(lines[3]);
  if (!ParseCount(lines[1], query) || !until || !ParseCount(lines[4], p.page) || p.page < 1)
    return Status::Invalid("malformed github checkpoint");
  p.query = static_cast<size_t>(query);
  p.query_text = lines[2];
  p.until = *until;
  p.next_url = lines[5];
  p.pending.clear();
  std::istringstream slices(lines[6]);
  for (std::string word; slices >> word;) {
    Slice s;
    if (!ParseSlice(word, s)) return Status::Invalid("malformed slice '" + word + "' in the github checkpoint");
    p.pending.push_back(s);
  }
  if (p.pending.empty()) return Status::Invalid("github checkpoint without a slice");
  out = std::move(p);
  return Status::Ok();
}

std::string Describe(const Position& p, size_t query_count) {
  std::string text = "query " + std::to_string(p.query + 1) + "/" + std::to_string(query_count) + " '" +
                     p.query_text + "'";
  if (!p.pending.empty()) text += ", slice " + p.pending.back().ToString();
  text += ", page " + std::to_string(p.page) + ", " + std::to_string(p.pending.size() - 1) + " slices queued";
  return text;
}

}  // namespace mltrend::gh
