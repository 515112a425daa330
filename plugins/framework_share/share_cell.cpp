//===----------------------------------------------------------------------===//
// framework_share — share_cell.cpp
//===----------------------------------------------------------------------===//
#include "share_cell.hpp"

#include <bit>
#include <charconv>

namespace mltrend::share {
namespace {

void AddTo(std::map<std::string, Measure, std::less<>>& map, const std::string& key, const Measure& w, int sign) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(key, Measure{}).first;
  it->second.Add(w, sign);
  // Zero entries are dropped so that add-then-remove leaves an equal cell.
  if (it->second.IsZero()) map.erase(it);
}

void AppendMeasure(std::string& out, const Measure& m) {
  for (int64_t x : m.v) {
    out += ' ';
    out += std::to_string(x);
  }
  out += '\n';
}

// Splits off the next space-separated word of `line`.
std::string_view NextWord(std::string_view& line) {
  size_t space = line.find(' ');
  std::string_view word = line.substr(0, space);
  line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
  return word;
}

bool ParseMeasure(std::string_view rest, Measure& m) {
  for (auto& x : m.v) {
    std::string_view word = NextWord(rest);
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), x);
    if (ec != std::errc() || ptr != word.data() + word.size() || word.empty()) return false;
  }
  return rest.empty();
}

}  // namespace

size_t WeightIndex(std::string_view name) {
  for (size_t i = 0; i < kWeightCount; ++i)
    if (kWeightNames[i] == name) return i;
  return kWeightCount;
}

void Measure::Add(const Measure& other, int sign) {
  for (size_t i = 0; i < kWeightCount; ++i) {
    uint64_t delta = static_cast<uint64_t>(other.v[i]);
    uint64_t cur = static_cast<uint64_t>(v[i]);
    v[i] = static_cast<int64_t>(sign >= 0 ? cur + delta : cur - delta);
  }
}

bool Measure::IsZero() const {
  for (int64_t x : v)
    if (x != 0) return false;
  return true;
}

Measure WeightsOf(const mltrend::Record& record) {
  Measure m;
  m.v[0] = 1;
  for (size_t i = 1; i < kWeightCount; ++i) {
    auto it = record.metrics.find(std::string(kWeightNames[i]));
    if (it != record.metrics.end() && it->second > 0) m.v[i] = it->second;
  }
  return m;
}

void Cell::Apply(FrameworkSet set, Grade grade, const std::vector<std::string>& frameworks, const Measure& weights,
                 int sign) {
  total.Add(weights, sign);
  if (set == 0) {
    unknown.Add(weights, sign);
    return;
  }
  classified.Add(weights, sign);
  if (grade != Grade::kNone) grades[static_cast<size_t>(grade) - 1].Add(weights, sign);
  bool single = std::popcount(set) == 1;
  if (!single) multi.Add(weights, sign);
  for (size_t bit = 0; bit < frameworks.size(); ++bit) {
    if (!(set & (FrameworkSet{1} << bit))) continue;
    AddTo(available, frameworks[bit], weights, sign);
    if (single) AddTo(exclusive, frameworks[bit], weights, sign);
  }
}

void Cell::Merge(const Cell& other) {
  total.Add(other.total, 1);
  classified.Add(other.classified, 1);
  unknown.Add(other.unknown, 1);
  multi.Add(other.multi, 1);
  for (size_t g = 0; g < kGradeCount; ++g) grades[g].Add(other.grades[g], 1);
  outside.Add(other.outside, 1);
  for (const auto& [name, m] : other.exclusive) AddTo(exclusive, name, m, 1);
  for (const auto& [name, m] : other.available) AddTo(available, name, m, 1);
}

bool Cell::IsZero() const {
  bool graded = true;
  for (const Measure& m : grades) graded = graded && m.IsZero();
  return total.IsZero() && classified.IsZero() && unknown.IsZero() && multi.IsZero() && graded && outside.IsZero() &&
         exclusive.empty() && available.empty();
}

std::string EncodeCell(const Cell& cell) {
  std::string out;
  out += "total";
  AppendMeasure(out, cell.total);
  out += "classified";
  AppendMeasure(out, cell.classified);
  out += "unknown";
  AppendMeasure(out, cell.unknown);
  out += "multi";
  AppendMeasure(out, cell.multi);
  for (const auto& [name, m] : cell.exclusive) {
    out += "x " + name;
    AppendMeasure(out, m);
  }
  for (const auto& [name, m] : cell.available) {
    out += "a " + name;
    AppendMeasure(out, m);
  }
  for (size_t g = 0; g < kGradeCount; ++g) {
    if (cell.grades[g].IsZero()) continue;
    out += "g ";
    out += GradeName(static_cast<Grade>(g + 1));
    AppendMeasure(out, cell.grades[g]);
  }
  if (!cell.outside.IsZero()) {
    out += "outside";
    AppendMeasure(out, cell.outside);
  }
  return out;
}

bool DecodeCell(std::string_view text, Cell& out) {
  out = Cell{};
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    std::string_view kind = NextWord(line);
    Measure m;
    if (kind == "x" || kind == "a") {
      std::string name(NextWord(line));
      if (name.empty() || !ParseMeasure(line, m)) return false;
      (kind == "x" ? out.exclusive : out.available)[name] = m;
      continue;
    }
    if (kind == "g") {
      Grade grade;
      if (!ParseGrade(NextWord(line), grade) || !ParseMeasure(line, m)) return false;
      out.grades[static_cast<size_t>(grade) - 1] = m;
      continue;
    }
    if (!ParseMeasure(line, m)) return false;
    if (kind == "total") out.total = m;
    else if (kind == "classified") out.classified = m;
    else if (kind == "unknown") out.unknown = m;
    else if (kind == "multi") out.multi = m;
    else if (kind == "outside") out.outside = m;
    else return false;
  }
  return true;
}

}  // namespace mltrend::share
