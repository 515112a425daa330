//===----------------------------------------------------------------------===//
// mltrend fuzz targets — pwc_dump.cpp
//===----------------------------------------------------------------------===//
// The Papers with Code dump path: DumpReader (gzip or plain bytes cut into
// one JSON object at a time) and DumpObjectParser (each object as a link and
// as a paper), with one parser reused across objects as the ingest does. The
// input is read twice — whole, then in small chunks whose size the input's
// length picks — and both must agree on whether the dump is valid and, when
// it is, on its objects: a chunk boundary must never change what a dump means.
#include <string>
#include <vector>

#include "pwc_dump_reader.hpp"
#include "fuzz_check.hpp"
#include "pwc_link_parser.hpp"

namespace {

struct Outcome {
  bool ok = false;
  std::vector<std::string> objects;
};

Outcome Read(std::string_view input, size_t chunk) {
  Outcome outcome;
  mltrend::pwc::DumpReader reader([&](std::string_view object) {
    outcome.objects.emplace_back(object);
    return mltrend::Status::Ok();
  });
  for (size_t at = 0; at < input.size(); at += chunk) {
    if (!reader.Feed(input.substr(at, chunk)).ok()) return outcome;
  }
  outcome.ok = reader.Finish().ok();
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  const std::string_view input = Text(data, size);
  const Outcome whole = Read(input, input.size() + 1);
  const Outcome chunked = Read(input, 1 + size % 13);
  Check(whole.ok == chunked.ok, "a dump read whole and in chunks is valid alike");
  // A failed read may stop at different objects: what was handed on before
  // the error depends on where the chunks end.
  if (whole.ok) Check(whole.objects == chunked.objects, "a dump read whole and in chunks yields the same objects");

  mltrend::pwc::DumpObjectParser parser;
  for (const std::string& object : whole.objects) {
    mltrend::pwc::Link link;
    std::string id, problem;
    if (parser.ParseLink(object, link, id, problem)) {
      Check(!link.repo_url.empty(), "an accepted link has a repo_url");
      const mltrend::Record record = mltrend::pwc::MakeLinkRecord(link, "");
      Check(!record.id.empty(), "a link record has an id");
    } else {
      Check(!problem.empty(), "a rejected link says why");
    }
    mltrend::pwc::PaperDate paper;
    if (!parser.ParsePaper(object, paper, problem)) Check(!problem.empty(), "a rejected paper says why");
  }
  return 0;
}
