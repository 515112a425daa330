//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_dependencies.cpp
//===----------------------------------------------------------------------===//
#include "gh_dependencies.hpp"

#include <cctype>
#include <vector>

namespace mltrend::gh {

namespace {

bool NameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

//! The leading package name of a requirement specifier ("torch>=2; python_version>'3'").
void AddRequirement(std::string_view spec, std::set<std::string>& out) {
  spec = Trim(spec);
  size_t n = 0;
  while (n < spec.size() && NameChar(spec[n])) ++n;
  if (n == 0) return;
  std::string name = NormalisePackage(spec.substr(0, n));
  if (!name.empty() && name != "python" && name != "pip") out.insert(std::move(name));
}

//! Every quoted string between `open` (the '[' after a key) and its ']'.
void AddQuotedUntilClose(std::string_view text, size_t open, std::set<std::string>& out) {
  for (size_t i = open + 1; i < text.size() && text[i] != ']'; ++i) {
    if (text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (text[i] != '"' && text[i] != '\'') continue;
    size_t close = text.find(text[i], i + 1);
    if (close == std::string_view::npos) return;
    AddRequirement(text.substr(i + 1, close - i - 1), out);
    i = close;
  }
}

//! Each `key ... [` in `text` whose key is `key` (followed by blanks and `sep`).
void AddArraysOf(std::string_view text, std::string_view key, char sep, std::set<std::string>& out) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + key.size())) {
    if (at > 0 && NameChar(text[at - 1])) continue;
    size_t i = at + key.size();
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != sep) continue;
    ++i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i < text.size() && text[i] == '[') AddQuotedUntilClose(text, i, out);
  }
}

void FromRequirements(std::string_view text, std::set<std::string>& out) {
  for (std::string_view line : Lines(text)) {
    line = Trim(line.substr(0, line.find('#')));
    if (line.empty() || line[0] == '-') continue;  // -r other.txt, -e ., --index-url
    AddRequirement(line, out);
  }
}

void FromPyproject(std::string_view text, std::set<std::string>& out) {
  AddArraysOf(text, "dependencies", '=', out);
  bool poetry_table = false, optional_table = false;
  for (std::string_view line : Lines(text)) {
    line = Trim(line);
    if (!line.empty() && line[0] == '[') {
      poetry_table = line.rfind("[tool.poetry", 0) == 0 && line.find("dependencies]") != std::string_view::npos;
      optional_table = line == "[project.optional-dependencies]";
      continue;
    }
    if (optional_table) {
      size_t eq = line.find('=');
      if (eq != std::string_view::npos && line.find('[', eq) != std::string_view::npos)
        AddQuotedUntilClose(line, line.find('[', eq), out);
    } else if (poetry_table) {
      size_t eq = line.find('=');
      if (eq != std::string_view::npos) AddRequirement(Trim(line.substr(0, eq)), out);
    }
  }
}

void FromEnvironment(std::string_view text, std::set<std::string>& out) {
  for (std::string_view line : Lines(text)) {
    line = Trim(line.substr(0, line.find('#')));
    if (line.size() < 2 || line[0] != '-') continue;
    std::string_view item = Trim(line.substr(1));
    if (item.empty() || item.back() == ':') continue;  // "- pip:"
    size_t slash = item.find("::");                    // conda-forge::numpy
    if (slash != std::string_view::npos) item = item.substr(slash + 2);
    AddRequirement(item, out);
  }
}

}  // namespace

std::string NormalisePackage(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

void PackagesFrom(std::string_view file_name, std::string_view text, std::set<std::string>& out) {
  if (file_name == "requirements.txt") FromRequirements(text, out);
  else if (file_name == "pyproject.toml") FromPyproject(text, out);
  else if (file_name == "setup.py") AddArraysOf(text, "install_requires", '=', out);
  else if (file_name == "environment.yml") FromEnvironment(text, out);
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') {
      ++padding;
      continue;
    } else if (c == '\n' || c == '\r' || c == ' ') continue;
    else return std::nullopt;
    if (padding) return std::nullopt;  // data after '='
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (padding > 2) return std::nullopt;
  return out;
}

}  // namespace mltrend::gh
