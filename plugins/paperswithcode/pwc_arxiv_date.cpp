#include "pwc_arxiv_date.hpp"

namespace mltrend::pwc {

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int TwoDigits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

//! Drops a trailing `vN` (N one or more digits).
std::string_view StripVersion(std::string_view id) {
  const size_t v = id.rfind('v');
  if (v != std::string_view::npos && v + 1 < id.size() && AllDigits(id.substr(v + 1))) return id.substr(0, v);
  return id;
}

std::string Month(int year, int month) {
  std::string out = std::to_string(year) + "-";
  if (month < 10) out += '0';
  return out + std::to_string(month);
}

std::string NewStyle(std::string_view id) {
  // YYMM '.' then 4 or 5 digits.
  if (id.size() < 9 || id[4] != '.' || !AllDigits(id.substr(0, 4)) || !AllDigits(id.substr(5))) return "";
  const int yy = TwoDigits(id.substr(0, 2));
  const int mm = TwoDigits(id.substr(2, 2));
  if (mm < 1 || mm > 12) return "";
  if (yy < 7 || (yy == 7 && mm < 4)) return "";  // the scheme started with 0704
  const size_t digits = id.size() - 5;
  const bool five = yy * 100 + mm >= 1501;
  if (digits != (five ? 5u : 4u)) return "";
  return Month(2000 + yy, mm);
}

bool ArchiveName(std::string_view name) {
  // "hep-th", "math", "cs", "math.AG", "cond-mat.str-el"
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string OldStyle(std::string_view id) {
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos || !ArchiveName(id.substr(0, slash))) return "";
  std::string_view number = id.substr(slash + 1);
  if (number.size() != 7 || !AllDigits(number)) return "";
  const int yy = TwoDigits(number.substr(0, 2));
  const int mm = TwoDigits(number.substr(2, 2));
  if (mm < 1 || mm > 12) return "";
  if (yy >= 91) {
    if (yy == 91 && mm < 8) return "";  // arXiv opened in August 1991
    return Month(1900 + yy, mm);
  }
  if (yy <= 7) {
    if (yy == 7 && mm > 3) return "";  // the old scheme ended in March 2007
    return Month(2000 + yy, mm);
  }
  return "";
}

}  // namespace

std::string ArxivMonth(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '\t')) id.remove_suffix(1);
  if (id.size() > 6 && (id.substr(0, 6) == "arXiv:" || id.substr(0, 6) == "arxiv:")) id.remove_prefix(6);
  id = StripVersion(id);
  if (id.find('/') != std::string_view::npos) return OldStyle(id);
  return NewStyle(id);
}

}  // namespace mltrend::pwc
