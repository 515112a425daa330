#include "api_ingest.hpp"

#include <set>
#include <vector>

#include "api_parser.hpp"
#include "arxiv_date.hpp"
#include "http_status.hpp"

namespace mltrend::pwc {

std::string OnBase(const std::string& api_base_url, const std::string& next) {
  const size_t at = next.find("/papers/");
  if (at == std::string::npos) return "";
  return api_base_url + next.substr(at);
}

namespace {

class ApiRun {
 public:
  ApiRun(SourceContext& ctx, const Settings& settings) : ctx_(ctx), settings_(settings) {}
  Status Run();

 private:
  Status Get(const std::string& url, HttpResponse& response);
  Status Repositories(const ApiPaper& paper, std::vector<Record>& out, size_t& rejected);
  void Report(const std::string& url);

  SourceContext& ctx_;
  const Settings& settings_;
  uint64_t page_number_ = 1;
  uint64_t records_this_run_ = 0;
};

Status ApiRun::Get(const std::string& url, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Accept", "application/json");
  if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
  return CheckStatus(response, url);
}

Record MakeRecord(const ApiPaper& paper, const ApiRepository& repo) {
  Record r;
  r.id = paper.id + " " + repo.url;
  r.name = paper.title.value_or("");
  if (paper.published && !paper.published->empty()) r.date = *paper.published;
  else if (paper.arxiv_id) r.date = ArxivMonth(*paper.arxiv_id);
  if (repo.framework && !repo.framework->empty()) {
    r.declared.push_back(*repo.framework);
    r.attrs["framework"] = *repo.framework;
  }
  r.attrs["is_official"] = repo.is_official ? "true" : "false";
  r.attrs["repo_url"] = repo.url;
  // The same paper_url the dumps carry, so both modes describe a link alike.
  r.attrs["paper_url"] = "https://paperswithcode.com/paper/" + paper.id;
  if (paper.arxiv_id && !paper.arxiv_id->empty()) r.attrs["arxiv_id"] = *paper.arxiv_id;
  if (repo.stars) r.metrics["stars"] = *repo.stars;
  return r;
}

Status ApiRun::Repositories(const ApiPaper& paper, std::vector<Record>& out, size_t& rejected) {
  std::string url = settings_.api_base_url + "/papers/" + PercentEncode(paper.id) + "/repositories/";
  std::set<std::string> seen;
  while (!url.empty()) {
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled at " + url);
    if (!seen.insert(url).second) return Status::Invalid("repositories paging loops at " + url);
    HttpResponse response;
    if (Status s = Get(url, response); !s.ok()) return s;
    ApiPage<ApiRepository> page;
    if (Status s = ParseRepositoriesPage(response.body, page); !s.ok())
      return Status::Invalid(url + ": " + s.message());
    for (const ApiRejection& r : page.rejections)
      ctx_.Log().Warn("paper " + paper.id + ": rejected repository #" + std::to_string(r.index) + " (" +
                      (r.id.empty() ? std::string("no url") : r.id) + "): " + r.reason);
    rejected += page.rejections.size();
    for (const ApiRepository& repo : page.results) out.push_back(MakeRecord(paper, repo));
    url = page.next ? OnBase(settings_.api_base_url, *page.next) : "";
  }
  return Status::Ok();
}

void ApiRun::Report(const std::string& url) {
  SourceProgress progress;
  progress.phase = "api crawl";
  progress.checkpoint_summary = "papers page " + std::to_string(page_number_) + " (" + url + "), " +
                                std::to_string(records_this_run_) + " links this run";
  ctx_.ReportProgress(progress);
}

Status ApiRun::Run() {
  std::string url = settings_.api_base_url + "/papers/";
  const std::string& checkpoint = ctx_.Checkpoint();
  if (!checkpoint.empty()) {
    if (checkpoint.rfind(settings_.api_base_url + "/papers/", 0) == 0) {
      url = checkpoint;
      ctx_.Log().Info("resuming at " + url);
    } else {
      ctx_.Log().Warn("the checkpoint is not under api_base_url " + settings_.api_base_url + "; starting over");
    }
  }
  std::set<std::string> fetched;
  for (int64_t pages = 0;; ++pages, ++page_number_) {
    if (settings_.max_pages > 0 && pages >= settings_.max_pages) {
      ctx_.Log().Info("stopping after max_pages=" + std::to_string(settings_.max_pages) + "; next run starts at " + url);
      return Status::Ok();
    }
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled before " + url);
    Report(url);
    fetched.insert(url);
    HttpResponse response;
    if (Status s = Get(url, response); !s.ok()) return s;
    ApiPage<ApiPaper> papers;
    if (Status s = ParsePapersPage(response.body, papers); !s.ok()) return Status::Invalid(url + ": " + s.message());
    for (const ApiRejection& r : papers.rejections)
      ctx_.Log().Warn(url + ": rejected paper #" + std::to_string(r.index) + " (" +
                      (r.id.empty() ? std::string("no id") : r.id) + "): " + r.reason);
    Page page;
    page.rejected = papers.rejections.size();
    for (const ApiPaper& paper : papers.results)
      if (Status s = Repositories(paper, page.records, page.rejected); !s.ok()) return s;
    std::string next = papers.next ? OnBase(settings_.api_base_url, *papers.next) : "";
    if (papers.next && next.empty()) return Status::Invalid(url + ": 'next' has no /papers/ path: " + *papers.next);
    if (!next.empty() && fetched.count(next)) return Status::Invalid(url + ": 'next' loops back to " + next);
    page.checkpoint = next;
    const size_t count = page.records.size();
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
    records_this_run_ += count;
    if (next.empty()) {
      ctx_.Log().Info("API crawl complete: " + std::to_string(records_this_run_) + " links this run");
      Report(url);
      return Status::Ok();
    }
    url = std::move(next);
  }
}

}  // namespace

Status RunApiMode(SourceContext& ctx, const Settings& settings) {
  ApiRun run(ctx, settings);
  return run.Run();
}

}  // namespace mltrend::pwc
