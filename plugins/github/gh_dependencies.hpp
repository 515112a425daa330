//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_dependencies.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mltrend::gh {

//! The manifests read, in this order, through the contents API.
inline constexpr std::string_view kManifestFiles[] = {"requirements.txt", "pyproject.toml", "setup.py",
                                                      "environment.yml"};

//! A package name as PEP 503 compares them: lower case, runs of '-', '_'
//! and '.' as one '-'.
std::string NormalisePackage(std::string_view name);

//! The package names a manifest declares (normalised), by its file name:
//! requirements.txt lines; pyproject.toml `dependencies = [...]` /
//! `optional-dependencies` arrays and `[tool.poetry.*dependencies]` keys;
//! setup.py `install_requires=[...]` strings; environment.yml `- name`
//! entries (conda and pip). Best effort on text, never fails; "python" and
//! "pip" are left out.
void PackagesFrom(std::string_view file_name, std::string_view text, std::set<std::string>& out);

//! Standard base64 (newlines ignored, as GitHub wraps it); nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace mltrend::gh
