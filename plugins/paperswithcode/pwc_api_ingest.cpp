#include "pwc_api_ingest.hpp"

#include <optional>
#include <set>
#include <vector>

#include "pwc_api_parser.hpp"
#include "pwc_api_walk.hpp"
#include "pwc_arxiv_date.hpp"
#include "response_verdict.hpp"

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
  bool Spend();
  Status Get(const std::string& url, HttpResponse& response);
  Status Repositories(const ApiPaper& paper, std::vector<ApiRepository>& out, size_t& rejected);
  Status AddLinks(const ApiPaper& paper, Page& page);
  void Report(const std::string& url);
  Status Start(ApiPosition& position);

  SourceContext& ctx_;
  const Settings& settings_;
  uint64_t page_number_ = 1;
  uint64_t records_this_run_ = 0;
  int64_t requests_ = 0;
  bool budget_spent_ = false;
};

//! Takes one request from request_budget; false (once logged) when spent.
bool ApiRun::Spend() {
  if (settings_.request_budget > 0 && requests_ >= settings_.request_budget) {
    if (!budget_spent_)
      ctx_.Log().Info("request_budget=" + std::to_string(settings_.request_budget) +
                      " spent; the next run continues from the checkpoint");
    budget_spent_ = true;
    return false;
  }
  ++requests_;
  return true;
}

Status ApiRun::Get(const std::string& url, HttpResponse& response) {
  HttpRequest request;
  request.url = url;
  request.headers.Add("Accept", "application/json");
  if (Status s = ctx_.Http().Send(request, response); !s.ok()) return s;
  return web::CheckResponse(response, url, std::chrono::system_clock::now());
}

Record MakeRecord(const ApiPaper& paper, const std::string& key, bool slug, const ApiRepository& repo) {
  Record r;
  r.id = key + " " + repo.url;
  r.name = paper.title.value_or("");
  if (paper.published && !paper.published->empty()) r.date = *paper.published;
  else if (paper.arxiv_id) r.date = ArxivMonth(*paper.arxiv_id);
  if (repo.framework && !repo.framework->empty()) {
    r.declared.push_back(*repo.framework);
    r.attrs["framework"] = *repo.framework;
  }
  r.attrs["is_official"] = repo.is_official ? "true" : "false";
  r.attrs["repo_url"] = repo.url;
  r.attrs["api_paper_id"] = paper.id;
  // The same paper_url the dumps carry, so both modes describe a link alike.
  if (slug) r.attrs["paper_url"] = "https://paperswithcode.com/paper/" + key;
  if (paper.arxiv_id && !paper.arxiv_id->empty()) r.attrs["arxiv_id"] = *paper.arxiv_id;
  if (repo.stars) r.metrics["stars"] = *repo.stars;
  return r;
}

//! `GET .../papers/{id}/repositories/` page by page, for a paper whose list
//! entry carried no inline repositories. Stops early (Ok, budget_spent_)
//! when the budget is spent.
Status ApiRun::Repositories(const ApiPaper& paper, std::vector<ApiRepository>& out, size_t& rejected) {
  std::string url = settings_.api_base_url + "/papers/" + PercentEncode(paper.id) + "/repositories/";
  std::set<std::string> seen;
  while (!url.empty()) {
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled at " + url);
    if (!seen.insert(url).second) return Status::Invalid("repositories paging loops at " + url);
    if (!Spend()) return Status::Ok();
    HttpResponse response;
    if (Status s = Get(url, response); !s.ok()) return s;
    ApiPage<ApiRepository> page;
    if (Status s = ParseRepositoriesPage(response.body, page); !s.ok())
      return Status::Invalid(url + ": " + s.message());
    for (const ApiRejection& r : page.rejections)
      ctx_.Log().Warn("paper " + paper.id + ": rejected repository #" + std::to_string(r.index) + " (" +
                      (r.id.empty() ? std::string("no url") : r.id) + "): " + r.reason);
    rejected += page.rejections.size();
    for (ApiRepository& repo : page.results) out.push_back(std::move(repo));
    url = page.next ? OnBase(settings_.api_base_url, *page.next) : "";
  }
  return Status::Ok();
}

Status ApiRun::AddLinks(const ApiPaper& paper, Page& page) {
  std::vector<ApiRepository> repos;
  if (paper.repositories) {
    repos = *paper.repositories;
    for (const ApiRejection& r : paper.repository_rejections)
      ctx_.Log().Warn("paper " + paper.id + ": rejected repository #" + std::to_string(r.index) + " (" +
                      (r.id.empty() ? std::string("no url") : r.id) + "): " + r.reason);
    page.rejected += paper.repository_rejections.size();
  } else if (Status s = Repositories(paper, repos, page.rejected); !s.ok() || budget_spent_) {
    return s;
  }
  std::string key;
  bool slug = false;
  if (Status s = PaperKey(ctx_, paper, key, slug); !s.ok()) return s;
  for (const ApiRepository& repo : repos) page.records.push_back(MakeRecord(paper, key, slug, repo));
  return Status::Ok();
}

void ApiRun::Report(const std::string& url) {
  SourceProgress progress;
  progress.phase = settings_.walk == Walk::kFull ? "api full walk" : "api incremental walk";
  progress.checkpoint_summary = "papers page " + std::to_string(page_number_) + " (" + url + "), " +
                                std::to_string(records_this_run_) + " links, " + std::to_string(requests_) +
                                " requests this run";
  ctx_.ReportProgress(progress);
}

//! The position to start at: the checkpoint's when it belongs to this walk.
Status ApiRun::Start(ApiPosition& position) {
  position = ApiPosition{settings_.walk, 1, FirstPageUrl(settings_), "", ""};
  const std::string& checkpoint = ctx_.Checkpoint();
  if (checkpoint.empty()) return Status::Ok();
  ApiPosition stored;
  if (!DecodeApiPosition(checkpoint, settings_.api_base_url, stored) ||
      stored.url.rfind(settings_.api_base_url + "/papers/", 0) != 0) {
    ctx_.Log().Warn("the checkpoint is not an API position under api_base_url " + settings_.api_base_url +
                    "; starting over");
  } else if (stored.walk != settings_.walk) {
    ctx_.Log().Warn("the checkpoint belongs to the other api_walk; starting over");
  } else {
    position = std::move(stored);
    ctx_.Log().Info("resuming at " + position.url);
  }
  return Status::Ok();
}

Status ApiRun::Run() {
  ApiPosition position;
  if (Status s = Start(position); !s.ok()) return s;
  std::optional<StopMark> mark;
  if (settings_.walk == Walk::kIncremental) {
    if (Status s = ReadStopMark(ctx_, mark); !s.ok()) return s;
  }
  std::set<std::string> fetched;
  for (int64_t pages = 0;; ++pages) {
    const std::string url = position.url;
    page_number_ = position.page;
    if (settings_.max_pages > 0 && pages >= settings_.max_pages) {
      ctx_.Log().Info("stopping after max_pages=" + std::to_string(settings_.max_pages) + "; next run starts at " + url);
      return Status::Ok();
    }
    if (ctx_.Cancel().Cancelled()) return Status::Cancelled("run cancelled before " + url);
    Report(url);
    if (!Spend()) return Status::Ok();
    fetched.insert(url);
    HttpResponse response;
    if (Status s = Get(url, response); !s.ok()) return s;
    ApiPage<ApiPaper> papers;
    if (Status s = ParsePapersPage(response.body, papers); !s.ok()) return Status::Invalid(url + ": " + s.message());
    for (const ApiRejection& r : papers.rejections)
      ctx_.Log().Warn(url + ": rejected paper #" + std::to_string(r.index) + " (" +
                      (r.id.empty() ? std::string("no id") : r.id) + "): " + r.reason);
    if (position.walk == Walk::kIncremental && position.newest_id.empty() && !papers.results.empty()) {
      position.newest_id = papers.results.front().id;
      position.newest_published = papers.results.front().published.value_or("");
    }
    Page page;
    page.rejected = papers.rejections.size();
    bool reached = false;
    for (const ApiPaper& paper : papers.results) {
      if (mark && mark->Reached(paper)) {
        reached = true;
        break;
      }
      if (Status s = AddLinks(paper, page); !s.ok()) return s;
      // The page is not committed: the next run asks it again.
      if (budget_spent_) {
        if (pages == 0)
          ctx_.Log().Warn("request_budget=" + std::to_string(settings_.request_budget) + " is too small for " + url +
                          " and its papers' repositories: no page committed");
        return Status::Ok();
      }
    }
    // `next` when the answer has the field (null: the last page); else the
    // next page number, until an empty page or page * api_page_size >= count.
    std::string next;
    if (papers.next) {
      next = OnBase(settings_.api_base_url, *papers.next);
      if (next.empty()) return Status::Invalid(url + ": 'next' has no /papers/ path: " + *papers.next);
    } else if (!papers.has_next && !papers.results.empty() &&
               !(papers.count && static_cast<int64_t>(position.page) * settings_.api_page_size >= *papers.count)) {
      next = PageUrl(settings_, position.page + 1);
    }
    if (reached) next.clear();
    if (!next.empty() && fetched.count(next)) return Status::Invalid(url + ": 'next' loops back to " + next);
    if (next.empty()) {
      if (position.walk == Walk::kIncremental && !position.newest_id.empty())
        page.state.emplace_back(kStateNewest, position.newest_published + "\t" + position.newest_id);
    } else {
      position.url = next;
      ++position.page;
      page.checkpoint = EncodeApiPosition(position);
    }
    const size_t count = page.records.size();
    if (Status s = ctx_.EmitPage(std::move(page)); !s.ok()) return s;
    records_this_run_ += count;
    if (next.empty()) {
      ctx_.Log().Info(std::string(reached ? "API walk reached the newest paper already stored: "
                                          : "API walk complete: ") +
                      std::to_string(records_this_run_) + " links, " + std::to_string(requests_) +
                      " requests this run");
      Report(url);
      return Status::Ok();
    }
  }
}

}  // namespace

Status RunApiMode(SourceContext& ctx, const Settings& settings) {
  ApiRun run(ctx, settings);
  return run.Run();
}

}  // namespace mltrend::pwc
