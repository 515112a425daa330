//===----------------------------------------------------------------------===//
// mltrend github plugin — gh_manifests.cpp
//===----------------------------------------------------------------------===//
#include "gh_manifests.hpp"

#include <simdjson.h>

#include <chrono>
#include <set>

#include "gh_dependencies.hpp"
#include "response_verdict.hpp"

namespace mltrend::gh {

namespace {

std::string Join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

bool ManifestReader::ReadFile(const std::string& full_name, std::string_view file, std::set<std::string>& out) {
  const std::string url = fetcher_.BaseUrl() + "/repos/" + full_name + "/contents/" + std::string(file);
  HttpResponse response;
  ++requests_;
  Status s = fetcher_.Get(url, "core", response);
  if (!s.ok()) {
    ctx_.Log().Warn("manifests: " + s.message() + "; no more manifests this run");
    stopped_ = true;
    return false;
  }
  if (response.status == 404) return true;  // no such file: nothing declared there
  if (Status verdict = web::CheckResponse(response, url, std::chrono::system_clock::now()); !verdict.ok()) {
    // A spent budget stops the manifests, not the crawl; any other failure
    // loses only this file.
    const bool limited = verdict.code() == StatusCode::kRateLimited;
    if (limited) stopped_ = true;
    ctx_.Log().Warn("manifests: " + verdict.message() + (limited ? "; no more manifests this run" : ""));
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view content, encoding;
  if (parser.parse(response.body).get(doc) || doc["content"].get(content) || doc["encoding"].get(encoding) ||
      encoding != "base64") {
    ctx_.Log().Warn("manifests: GET " + url + " is not a base64 file object");
    return false;
  }
  auto text = DecodeBase64(content);
  if (!text) {
    ctx_.Log().Warn("manifests: GET " + url + " has malformed base64 content");
    return false;
  }
  PackagesFrom(file, *text, out);
  return true;
}

Status ManifestReader::Enrich(Record& record, StateChanges& state) {
  const std::string key = "deps:" + record.id;
  const std::string pushed = record.attrs.count("pushed_at") ? record.attrs.at("pushed_at") : "";
  std::optional<std::string> stored;
  if (Status s = ctx_.GetState(key, stored); !s.ok()) return s;
  std::string known;
  if (stored) {
    size_t nl = stored->find('\n');
    known = nl == std::string::npos ? "" : stored->substr(nl + 1);
    if (stored->substr(0, nl) == pushed) {
      if (!known.empty()) record.attrs["dependencies"] = known;
      return Status::Ok();
    }
  }
  const auto need = static_cast<int64_t>(std::size(kManifestFiles));
  if (stopped_ || requests_ + need > budget_ || record.name.empty()) {
    if (!known.empty()) record.attrs["dependencies"] = known;  // the last push's, until read again
    return Status::Ok();
  }
  std::set<std::string> names;
  for (std::string_view file : kManifestFiles) {
    if (!ReadFile(record.name, file, names)) {
      if (!known.empty()) record.attrs["dependencies"] = known;
      return Status::Ok();
    }
  }
  const std::string list = Join(names);
  if (!list.empty()) record.attrs["dependencies"] = list;
  state.emplace_back(key, pushed + "\n" + list);
  return Status::Ok();
}

}  // namespace mltrend::gh
