#include "hf_headers.hpp"

#include <simdjson.h>

#include <optional>

#include "hf_files.hpp"
#include "hf_record_json.hpp"
#include "hf_safetensors_header.hpp"
#include "hf_state.hpp"
#include "mltrend/json_writer.hpp"

namespace mltrend::hf {

namespace {

std::string Attr(const Record& record, const char* key) {
  auto it = record.attrs.find(key);
  return it == record.attrs.end() ? std::string() : it->second;
}

struct Known {
  std::string sha, file, format, error;
};

std::string EncodeKnown(const Known& k) {
  JsonWriter w;
  w.BeginObject()
      .Key("sha").String(k.sha)
      .Key("file").String(k.file)
      .Key("format").String(k.format)
      .Key("error").String(k.error)
      .EndObject();
  return w.Take();
}

bool DecodeKnown(const std::string& text, Known& k) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view sha, file, format, error;
  if (parser.parse(text).get(root) || root["sha"].get(sha) || root["file"].get(file) ||
      root["format"].get(format) || root["error"].get(error))
    return false;
  k = Known{std::string(sha), std::string(file), std::string(format), std::string(error)};
  return true;
}

void Apply(const Known& k, Record& record) {
  record.header_formats.clear();
  record.attrs.erase("safetensors_header");
  record.attrs.erase("safetensors_header_error");
  if (!k.error.empty()) {
    record.attrs["safetensors_header_error"] = k.file + ": " + k.error;
    return;
  }
  record.attrs["safetensors_header"] = k.file;
  if (!k.format.empty() && k.format != "none") record.header_formats = {k.format};
}

// A 4xx other than 408 and 429 is the file's answer (gated, missing); the
// rest says the server or the window is the problem, not this model.
bool IsModelError(const Status& s, const HttpResponse& response) {
  return s.code() == StatusCode::kInvalidInput && response.status >= 400 && response.status < 500;
}

}  // namespace

bool IsHeaderCandidate(const Record& record) {
  if (Attr(record, "files_listed") != "true" || Attr(record, "sha").empty()) return false;
  static constexpr std::string_view kFrameworkTags[] = {"pytorch", "tf", "tensorflow", "jax", "flax", "keras",
                                                        "tf-keras"};
  for (const std::string& tag : record.tags)
    for (std::string_view framework : kFrameworkTags)
      if (Headers::EqualsIgnoreCase(tag, framework)) return false;
  bool safetensors = false;
  for (const std::string& file : record.files) {
    if (IsFrameworkWeightFile(file)) return false;
    safetensors = safetensors || IsSafetensors(file);
  }
  return safetensors;
}

std::string ChooseHeaderFile(const std::vector<std::string>& files) {
  auto first = [&](auto&& matches) -> std::string {
    for (bool root : {true, false})
      for (const std::string& file : files)
        if (IsSafetensors(file) && (file.find('/') == std::string::npos) == root && matches(BaseName(file)))
          return file;
    return {};
  };
  for (auto matches : {+[](std::string_view b) { return b == "model.safetensors"; },
                       +[](std::string_view b) { return b.starts_with("model-"); },
                       +[](std::string_view b) { return b == "adapter_model.safetensors"; },
                       +[](std::string_view b) { return b == "diffusion_pytorch_model.safetensors"; }}) {
    if (std::string file = first(matches); !file.empty()) return file;
  }
  for (const std::string& file : files)
    if (IsSafetensors(file)) return file;
  return {};
}

std::string BuildResolveUrl(const Settings& settings, const std::string& repo, const std::string& sha,
                            const std::string& file) {
  return settings.base_url + "/" + EncodePath(repo) + "/resolve/" + PercentEncode(sha) + "/" + EncodePath(file);
}

Status ApplyKnownHeader(SourceContext& ctx, Record& record, bool& applied) {
  applied = false;
  std::optional<std::string> stored;
  if (Status s = ctx.GetState(state::HeaderDone(record.id), stored); !s.ok()) return s;
  Known known;
  if (!stored || !DecodeKnown(*stored, known) || known.sha != Attr(record, "sha")) return Status::Ok();
  Apply(known, record);
  applied = true;
  return Status::Ok();
}

Status PrepareHeaderRecords(SourceContext& ctx, const Settings& settings, std::vector<Record>& records,
                            StateChanges& state) {
  for (Record& record : records) {
    std::optional<std::string> pending;
    if (Status s = ctx.GetState(state::HeaderPending(record.id), pending); !s.ok()) return s;
    bool applied = false;
    const bool candidate = IsHeaderCandidate(record);
    if (candidate) {
      if (Status s = ApplyKnownHeader(ctx, record, applied); !s.ok()) return s;
    }
    if (!candidate || applied || !settings.read_safetensors_headers) {
      // Its queued copy is stale: the model changed, or its answer is known.
      if (pending) {
        state.emplace_back(*pending, std::nullopt);
        state.emplace_back(state::HeaderPending(record.id), std::nullopt);
      }
      continue;
    }
    auto downloads = record.metrics.find("downloads");
    const std::string key =
        state::HeaderQueueKey(downloads == record.metrics.end() ? 0 : downloads->second, record.id);
    if (pending && *pending != key) state.emplace_back(*pending, std::nullopt);
    state.emplace_back(key, EncodeRecord(record));
    state.emplace_back(state::HeaderPending(record.id), key);
  }
  return Status::Ok();
}

Status HeaderReader::Fetch(const std::string& url, uint64_t first, uint64_t last, std::string& bytes,
                           std::string& error) {
  HttpResponse response;
  ++requests_;
  Status s = hub_.GetRange(url, first, last, response);
  if (!s.ok()) {
    if (!IsModelError(s, response)) return s;
    error = "HTTP " + std::to_string(response.status) + " for bytes " + std::to_string(first) + "-" +
            std::to_string(last);
    return Status::Ok();
  }
  bytes = std::move(response.body);
  const uint64_t wanted = last - first + 1;
  if (bytes.size() < wanted)
    error = "bytes " + std::to_string(first) + "-" + std::to_string(last) + " answered " +
            std::to_string(bytes.size()) + " bytes, expected " + std::to_string(wanted);
  return Status::Ok();
}

Status HeaderReader::ReadHeader(const Record& record, Result& result) {
  result = Result{};
  result.file = ChooseHeaderFile(record.files);
  const std::string url = BuildResolveUrl(settings_, record.name, Attr(record, "sha"), result.file);
  std::string bytes;
  if (Status s = Fetch(url, 0, kSafetensorsLengthBytes - 1, bytes, result.error); !s.ok() || !result.error.empty())
    return s;
  uint64_t length = 0;
  if (Status p = ParseSafetensorsLength(bytes, static_cast<uint64_t>(settings_.header_max_bytes), length); !p.ok()) {
    result.error = p.message();
    return Status::Ok();
  }
  if (Status s = Fetch(url, kSafetensorsLengthBytes, kSafetensorsLengthBytes + length - 1, bytes, result.error);
      !s.ok() || !result.error.empty())
    return s;
  std::optional<std::string> format;
  if (Status p = ParseSafetensorsFormat(std::string_view(bytes).substr(0, length), format); !p.ok()) {
    result.error = p.message();
    return Status::Ok();
  }
  result.format = format.value_or("none");
  return Status::Ok();
}

void HeaderReader::Report() {
  ctx_.ReportProgress(hub_.Progress("header reads: " + std::to_string(read_) + " safetensors headers read, " +
                                        std::to_string(requests_) + " requests this run",
                                    "header reads"));
}

Status HeaderReader::Run() {
  while (read_ < settings_.header_budget) {
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled during safetensors header reads");
    std::string key, copy;
    if (Status s = ctx_.ScanState(state::kHeaderQueuePrefix,
                                  [&](std::string_view k, std::string_view v) {
                                    key = std::string(k);
                                    copy = std::string(v);
                                    return false;
                                  });
        !s.ok())
      return s;
    if (key.empty()) break;
    Report();
    Record record;
    StateChanges state{{key, std::nullopt}};
    if (!DecodeRecord(copy, record).ok() || !IsHeaderCandidate(record)) {
      ctx_.Log().Warn("dropping an unreadable safetensors header queue entry " + key);
      const size_t id_at = state::kHeaderQueuePrefix.size() + 20;  // 19 digits and '/'
      if (key.size() > id_at) state.emplace_back(state::HeaderPending(key.substr(id_at)), std::nullopt);
      Page page;
      page.state = std::move(state);
      page.checkpoint = ctx_.Checkpoint();
      if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
      continue;
    }
    Result result;
    if (Status s = ReadHeader(record, result); !s.ok()) return s;
    ++read_;
    if (!result.error.empty())
      ctx_.Log().Warn("safetensors header of " + record.name + " (" + result.file + "): " + result.error);
    const Known known{record.attrs["sha"], result.file, result.format, result.error};
    Apply(known, record);
    if (Status s = ApplyKnownFirstCommit(ctx_, record); !s.ok()) return s;
    state.emplace_back(state::HeaderPending(record.id), std::nullopt);
    state.emplace_back(state::HeaderDone(record.id), EncodeKnown(known));
    Page page;
    page.records.push_back(std::move(record));
    page.state = std::move(state);
    page.checkpoint = ctx_.Checkpoint();  // header reads never move the crawl
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
  }
  if (read_ > 0) Report();  // an empty queue leaves the crawl's figures shown
  return Status::Ok();
}

}  // namespace mltrend::hf
