#include "pwc_api_walk.hpp"

#include <vector>

namespace mltrend::pwc {

namespace {

std::vector<std::string> SplitTabs(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t tab = text.find('\t'); tab != std::string::npos; tab = text.find('\t', start)) {
    parts.push_back(text.substr(start, tab - start));
    start = tab + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool ReadPage(const std::string& text, uint64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  out = n;
  return n > 0;
}

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string EncodeApiPosition(const ApiPosition& p) {
  if (p.walk == Walk::kFull) return "full\t" + std::to_string(p.page) + "\t" + p.url;
  return "incremental\t" + std::to_string(p.page) + "\t" + p.url + "\t" + p.newest_published + "\t" + p.newest_id;
}

bool DecodeApiPosition(const std::string& text, const std::string& api_base_url, ApiPosition& out) {
  const std::string papers = api_base_url + "/papers/";
  if (text.rfind(papers, 0) == 0 && text.find('\t') == std::string::npos) {
    out = ApiPosition{Walk::kFull, 1, text, "", ""};
    return true;
  }
  const std::vector<std::string> parts = SplitTabs(text);
  ApiPosition p;
  if (parts[0] == "full" && parts.size() == 3) p.walk = Walk::kFull;
  else if (parts[0] == "incremental" && parts.size() == 5) p.walk = Walk::kIncremental;
  else return false;
  if (!ReadPage(parts[1], p.page)) return false;
  p.url = parts[2];
  if (p.walk == Walk::kIncremental) {
    p.newest_published = parts[3];
    p.newest_id = parts[4];
  }
  out = std::move(p);
  return true;
}

std::string FirstPageUrl(const Settings& settings) { return PageUrl(settings, 1); }

std::string PageUrl(const Settings& settings, uint64_t page) {
  const char* dir = settings.walk == Walk::kFull ? "asc" : "desc";
  return settings.api_base_url + "/papers/?order_by=date_published&order_dir=" + dir +
         "&include_resources=true&page_size=" + std::to_string(settings.api_page_size) + "&page=" + std::to_string(page);
}

bool StopMark::Reached(const ApiPaper& paper) const {
  if (!id.empty() && paper.id == id) return true;
  if (published.empty() || !paper.published || paper.published->empty()) return false;
  return paper.published->compare(0, published.size(), published) < 0;
}

Status ReadStopMark(SourceContext& ctx, std::optional<StopMark>& out) {
  out.reset();
  std::optional<std::string> newest;
  if (Status s = ctx.GetState(kStateNewest, newest); !s.ok()) return s;
  if (newest) {
    const size_t tab = newest->find('\t');
    StopMark mark;
    mark.published = newest->substr(0, tab);
    if (tab != std::string::npos) mark.id = newest->substr(tab + 1);
    out = std::move(mark);
    return Status::Ok();
  }
  std::optional<std::string> dump;
  if (Status s = ctx.GetState(kStateDumpNewest, dump); !s.ok()) return s;
  if (dump && !dump->empty()) out = StopMark{*dump, ""};
  return Status::Ok();
}

Status PaperKey(SourceContext& ctx, const ApiPaper& paper, std::string& key, bool& slug) {
  slug = false;
  if (paper.arxiv_id && !paper.arxiv_id->empty()) {
    std::optional<std::string> dump_slug;
    if (Status s = ctx.GetState(kArxivKeyPrefix + *paper.arxiv_id, dump_slug); !s.ok()) return s;
    if (dump_slug && !dump_slug->empty()) {
      key = *dump_slug;
      slug = true;
      return Status::Ok();
    }
  }
  if (!AllDigits(paper.id)) {
    key = paper.id;
    slug = true;
  } else if (paper.arxiv_id && !paper.arxiv_id->empty()) {
    key = *paper.arxiv_id;
  } else {
    key = paper.id;
  }
  return Status::Ok();
}

}  // namespace mltrend::pwc
