//===----------------------------------------------------------------------===//
// mltrend huggingface plugin — hf_headers.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "hf_config.hpp"
#include "hf_enrich.hpp"
#include "hf_hub_client.hpp"
#include "hf_request.hpp"
#include "mltrend/record.hpp"
#include "mltrend/source.hpp"

namespace mltrend::hf {

//! Safetensors header reads, for models whose weights are safetensors only.
//!
//! Every listing page passes through PrepareHeaderRecords before it is
//! emitted: a candidate (IsHeaderCandidate) whose result is known for its
//! current sha gets it applied; an unknown one, when reads are on, is queued
//! with a copy of its record under a key that orders the queue by downloads,
//! most first (state hdr/queue/..., hdr/pending/<_id>), all in the page's
//! own commit. A model that stops being a candidate leaves the queue.
//!
//! HeaderReader::Run then reads, most downloaded first, up to header_budget
//! models: `Range: bytes=0-7` then `Range: bytes=8-(8+N-1)` on
//! `{base_url}/{repo}/resolve/{sha}/{file}`. Each model is one emitted page:
//! the record copy with its result, the queue entry removed and the result
//! kept (hdr/done/<_id>) in the same commit, so a spent budget, a failure or
//! a kill resumes at the next unread model and a model whose sha has not
//! changed is never read twice. A 4xx answer, a refused length or a header
//! that does not parse is that model's result (attrs
//! "safetensors_header_error"); a transport failure, 408, 429 or 5xx ends the
//! run with that Status, the model staying queued.

//! Whether `record` needs a header read to tell its framework: it carries a
//! file list (attrs files_listed) and a sha, at least one .safetensors file,
//! no framework weight file (IsFrameworkWeightFile) and no framework tag
//! (pytorch, tf, tensorflow, jax, flax, keras, tf-keras).
bool IsHeaderCandidate(const Record& record);

//! The safetensors file whose header is read: model.safetensors, else the
//! first model-*.safetensors shard, else adapter_model.safetensors, else the
//! first diffusion_pytorch_model.safetensors, else the first .safetensors
//! listed (root-level names first in each case); "" when there is none.
std::string ChooseHeaderFile(const std::vector<std::string>& files);

//! `{base_url}/{repo}/resolve/{sha}/{file}`, each path segment of repo and
//! file percent-encoded.
std::string BuildResolveUrl(const Settings& settings, const std::string& repo, const std::string& sha,
                            const std::string& file);

//! Applies the stored result for `record` when it belongs to the record's
//! current sha: header_formats = {format} (none for "none"),
//! attrs["safetensors_header"] = the file read, or
//! attrs["safetensors_header_error"] = "<file>: <reason>". `applied` says
//! whether there was one.
Status ApplyKnownHeader(SourceContext& ctx, Record& record, bool& applied);

Status PrepareHeaderRecords(SourceContext& ctx, const Settings& settings, std::vector<Record>& records,
                            StateChanges& state);

class HeaderReader {
 public:
  HeaderReader(SourceContext& ctx, const Settings& settings, HubClient& hub)
      : ctx_(ctx), settings_(settings), hub_(hub) {}
  //! Ok when the budget is used or the queue is empty; RateLimited when the
  //! window is spent; the failure of a model whose server seems down.
  Status Run();
  int64_t Read() const { return read_; }
  int64_t Requests() const { return requests_; }

 private:
  struct Result {
    std::string file;
    std::string format;  //!< "none" when the header names none; "" on error
    std::string error;
  };
  //! The two Range requests; Ok with `result` filled (error or format)
  //! unless the server seems down.
  Status ReadHeader(const Record& record, Result& result);
  //! One ranged request; `error` set for a per-model failure (4xx), the
  //! Status returned for a run-ending one.
  Status Fetch(const std::string& url, uint64_t first, uint64_t last, std::string& bytes, std::string& error);
  void Report();

  SourceContext& ctx_;
  const Settings& settings_;
  HubClient& hub_;
  int64_t read_ = 0;
  int64_t requests_ = 0;
};

}  // namespace mltrend::hf
