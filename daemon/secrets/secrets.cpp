#include "mltrendd/secrets/secrets.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <vector>

#include "mltrend/http.hpp"

extern char** environ;

namespace mltrendd {
namespace {

std::shared_mutex g_mutex;
//! Every form of every secret, longest first.
std::vector<std::string> g_needles;

//! `encoded` (a PercentEncode result) with lower-case hex digits.
std::string LowerHex(std::string encoded) {
  for (size_t at = encoded.find('%'); at != std::string::npos && at + 2 < encoded.size();
       at = encoded.find('%', at + 3)) {
    for (size_t i = at + 1; i <= at + 2; ++i)
      encoded[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(encoded[i])));
  }
  return encoded;
}

void AddNeedle(std::string needle) {
  if (std::find(g_needles.begin(), g_needles.end(), needle) != g_needles.end()) return;
  g_needles.push_back(std::move(needle));
  std::stable_sort(g_needles.begin(), g_needles.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string ReadCredentialFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  std::string value = ss.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value;
}

}  // namespace

void RegisterSecret(std::string_view value) {
  if (value.empty()) return;
  std::unique_lock lock(g_mutex);
  AddNeedle(std::string(value));
  const std::string encoded = mltrend::PercentEncode(value);
  AddNeedle(encoded);
  AddNeedle(LowerHex(encoded));
}

void RegisterEnvironmentSecrets() {
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = text.substr(0, eq);
    const std::string_view value = text.substr(eq + 1);
    // A guess by name: a value too short to be a token (FOO_TOKEN=1) would
    // blank out every such character of every log line. Read as a secret by
    // a plugin, it is registered all the same.
    if (name.size() > 6 && name.substr(name.size() - 6) == "_TOKEN" && value.size() >= 8) RegisterSecret(value);
  }
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  if (!dir || !*dir) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) RegisterSecret(ReadCredentialFile(entry.path()));
  }
}

std::string ReadSecret(const std::string& name) {
  std::string value;
  if (const char* v = std::getenv(name.c_str()); v && *v) {
    value = v;
  } else if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
             dir && *dir && !name.empty() && name.find('/') == std::string::npos) {
    // systemd's LoadCredential= puts each secret in a file of that name.
    value = ReadCredentialFile(std::filesystem::path(dir) / name);
  }
  RegisterSecret(value);
  return value;
}

std::string Redact(std::string_view text) {
  std::string out(text);
  std::shared_lock lock(g_mutex);
  for (const std::string& needle : g_needles) {
    for (size_t at = out.find(needle); at != std::string::npos; at = out.find(needle, at + kRedacted.size()))
      out.replace(at, needle.size(), kRedacted);
  }
  return out;
}

bool ContainsSecret(std::string_view text) {
  std::shared_lock lock(g_mutex);
  return std::any_of(g_needles.begin(), g_needles.end(),
                     [&](const std::string& needle) { return text.find(needle) != std::string_view::npos; });
}

void ForgetSecretsForTesting() {
  std::unique_lock lock(g_mutex);
  g_needles.clear();
}

}  // namespace mltrendd
