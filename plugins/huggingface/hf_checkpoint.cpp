#include "hf_checkpoint.hpp"

#include <simdjson.h>

#include "mltrend/json_writer.hpp"

namespace mltrend::hf {

std::string EncodeCheckpoint(const CrawlPosition& position) {
  JsonWriter w;
  w.BeginObject().Key("next").String(position.next).Key("page").Int(position.page).EndObject();
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
  out.next = std::string(next);
  out.page = page;
  return Status::Ok();
}

}  // namespace mltrend::hf
