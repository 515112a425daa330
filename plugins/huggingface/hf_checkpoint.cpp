#include "hf_checkpoint.hpp"

#include <simdjson.h>

#include "mltrend/json_writer.hpp"

namespace mltrend::hf {

std::string_view PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kFull: return "full";
    case Phase::kCreated: return "createdAt";
    case Phase::kModified: return "lastModified";
  }
  return "full";
}

std::string EncodeCheckpoint(const CrawlPosition& position) {
  JsonWriter w;
  w.BeginObject()
      .Key("phase")
      .String(PhaseName(position.phase))
      .Key("next")
      .String(position.next)
      .Key("page")
      .Int(position.page)
      .Key("started")
      .Int(position.started);
  if (!position.stop.empty()) w.Key("stop").String(position.stop);
  w.EndObject();
  return w.Take();
}

Status DecodeCheckpoint(std::string_view text, CrawlPosition& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(text.data(), text.size()).get(root))
    return Status::Invalid(std::string("checkpoint is not JSON: ") + simdjson::error_message(e));
  std::string_view next;
  if (root["next"].get(next) || next.empty())
    return Status::Invalid("checkpoint has no non-empty string 'next'");
  int64_t page = 0;
  if (root["page"].get(page) || page < 1) return Status::Invalid("checkpoint has no integer 'page' >= 1");
  CrawlPosition position;
  if (auto field = root["phase"]; field.error() != simdjson::NO_SUCH_FIELD) {
    std::string_view name;
    if (field.get(name)) return Status::Invalid("checkpoint 'phase' is not a string");
    if (name == "full") position.phase = Phase::kFull;
    else if (name == "createdAt") position.phase = Phase::kCreated;
    else if (name == "lastModified") position.phase = Phase::kModified;
    else return Status::Invalid("checkpoint 'phase' is '" + std::string(name) + "', not full/createdAt/lastModified");
  }
  if (auto field = root["started"]; field.error() != simdjson::NO_SUCH_FIELD) {
    if (field.get(position.started)) return Status::Invalid("checkpoint 'started' is not an integer");
  }
  if (auto field = root["stop"]; field.error() != simdjson::NO_SUCH_FIELD) {
    std::string_view stop;
    if (field.get(stop)) return Status::Invalid("checkpoint 'stop' is not a string");
    position.stop = std::string(stop);
  }
  if (position.phase != Phase::kFull && position.stop.empty())
    return Status::Invalid("checkpoint of a refresh phase has no 'stop' mark");
  position.next = std::string(next);
  position.page = page;
  out = std::move(position);
  return Status::Ok();
}

}  // namespace mltrend::hf
