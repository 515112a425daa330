#include "pwc_paper_dates.hpp"

#include "pwc_arxiv_date.hpp"
#include "pwc_dump_reader.hpp"
#include "pwc_config.hpp"
#include "response_verdict.hpp"

namespace mltrend::pwc {

Status StreamLocation(SourceContext& ctx, const std::string& location,
                      const std::function<Status(std::string_view)>& chunk) {
  if (!IsUrl(location)) return ReadFileChunks(location, ctx.Cancel(), chunk);
  HttpRequest request;
  request.url = location;
  request.on_body = chunk;
  HttpResponse response;
  if (Status s = ctx.Http().Send(request, response); !s.ok()) return s;
  return web::CheckResponse(response, location, std::chrono::system_clock::now());
}

Status PaperDates::Load(SourceContext& ctx, const std::string& location) {
  DumpObjectParser parser;
  PaperDate paper;
  std::string problem;
  uint64_t index = 0;
  DumpReader reader([&](std::string_view object) {
    ++index;
    if (!parser.ParsePaper(object, paper, problem)) {
      // Bounded: a systematically odd papers dump must not flood the log.
      if (skipped_ < 10) ctx.Log().Warn("papers dump: skipping paper #" + std::to_string(index) + ": " + problem);
      ++skipped_;
      return Status::Ok();
    }
    if (paper.date.empty()) return Status::Ok();
    const std::string slug = PaperId(paper.paper_url, std::nullopt);
    if (!slug.empty()) by_slug_[slug] = std::move(paper.date);
    else if (paper.arxiv_id && !paper.arxiv_id->empty()) by_arxiv_[*paper.arxiv_id] = std::move(paper.date);
    return Status::Ok();
  });
  if (Status s = StreamLocation(ctx, location, [&](std::string_view raw) { return reader.Feed(raw); }); !s.ok())
    return Status(s.code(), "papers dump " + location + ": " + s.message());
  if (Status s = reader.Finish(); !s.ok()) return Status(s.code(), "papers dump " + location + ": " + s.message());
  ctx.Log().Info("papers dump: " + std::to_string(Size()) + " dated papers of " + std::to_string(reader.Objects()) +
                 (skipped_ ? ", " + std::to_string(skipped_) + " skipped" : std::string()));
  return Status::Ok();
}

std::string PaperDates::DateOf(const Link& link) const {
  const std::string slug = PaperId(link.paper_url, std::nullopt);
  if (!slug.empty()) {
    if (auto it = by_slug_.find(slug); it != by_slug_.end()) return it->second;
  }
  if (link.paper_arxiv_id && !link.paper_arxiv_id->empty()) {
    if (auto it = by_arxiv_.find(*link.paper_arxiv_id); it != by_arxiv_.end()) return it->second;
    return ArxivMonth(*link.paper_arxiv_id);
  }
  return "";
}

}  // namespace mltrend::pwc
