#include "hf_safetensors_header.hpp"

#include <simdjson.h>

#include "json_fields.hpp"
#include "json_page.hpp"

namespace mltrend::hf {

namespace od = simdjson::ondemand;
using simdjson::error_code;

Status ParseSafetensorsLength(std::string_view first_bytes, uint64_t max_bytes, uint64_t& length) {
  length = 0;
  if (first_bytes.size() < kSafetensorsLengthBytes)
    return Status::Invalid("safetensors length: got " + std::to_string(first_bytes.size()) +
                           " bytes, need the first 8");
  uint64_t n = 0;
  for (size_t i = 0; i < kSafetensorsLengthBytes; ++i)
    n |= static_cast<uint64_t>(static_cast<unsigned char>(first_bytes[i])) << (8 * i);
  if (n == 0) return Status::Invalid("safetensors header length is 0");
  if (n > max_bytes)
    return Status::Invalid("safetensors header length " + std::to_string(n) + " is over the limit of " +
                           std::to_string(max_bytes) + " bytes");
  length = n;
  return Status::Ok();
}

Status ParseSafetensorsFormat(std::string_view header_json, std::optional<std::string>& format) {
  format.reset();
  using plugin_json::FieldReader;
  plugin_json::JsonPage page;
  auto broken = [](error_code e) {
    return Status::Invalid(std::string("safetensors header is not valid JSON: ") + simdjson::error_message(e));
  };
  od::object root;
  if (error_code e = page.Open(header_json, root)) {
    if (e != simdjson::INCORRECT_TYPE) return broken(e);
    return Status::Invalid(std::string("safetensors header is a JSON ") + FieldReader::TypeName(page.TopType()) +
                           ", expected an object");
  }
  std::string problem;
  error_code fields = FieldReader::ForEachField(root, [&](std::string_view key, od::value& value) -> error_code {
    if (key != "__metadata__") return FieldReader::Skip(value);
    od::json_type meta_type;
    if (error_code e = value.type().get(meta_type)) return e;
    if (meta_type == od::json_type::null) return FieldReader::Skip(value);
    if (meta_type != od::json_type::object) {
      if (problem.empty())
        problem = std::string("'__metadata__' is a ") + FieldReader::TypeName(meta_type) + ", expected an object or null";
      return FieldReader::Skip(value);
    }
    od::object meta;
    if (error_code e = value.get_object().get(meta)) return e;
    return FieldReader::ForEachField(meta, [&](std::string_view meta_key, od::value& meta_value) -> error_code {
      if (meta_key != "format") return FieldReader::Skip(meta_value);
      od::json_type format_type;
      if (error_code e = meta_value.type().get(format_type)) return e;
      if (format_type == od::json_type::null) return FieldReader::Skip(meta_value);
      if (format_type != od::json_type::string) {
        if (problem.empty())
          problem = std::string("'__metadata__.format' is a ") + FieldReader::TypeName(format_type) +
                    ", expected a string";
        return FieldReader::Skip(meta_value);
      }
      std::string_view text;
      if (error_code e = meta_value.get_string().get(text)) return e;
      format = std::string(text);
      return simdjson::SUCCESS;
    });
  });
  if (fields) {
    format.reset();
    return broken(fields);
  }
  // The object is closed; anything after it means this was not one JSON value.
  if (page.HasTrailingContent()) {
    format.reset();
    return Status::Invalid("safetensors header has content after its JSON object");
  }
  if (!problem.empty()) {
    format.reset();
    return Status::Invalid("safetensors header: " + problem);
  }
  return Status::Ok();
}

Status ParseSafetensorsPrefix(std::string_view prefix, uint64_t max_bytes, std::optional<std::string>& format) {
  format.reset();
  uint64_t length = 0;
  if (Status s = ParseSafetensorsLength(prefix, max_bytes, length); !s.ok()) return s;
  const std::string_view rest = prefix.substr(kSafetensorsLengthBytes);
  if (rest.size() < length)
    return Status::Invalid("safetensors header is truncated: " + std::to_string(rest.size()) + " of " +
                           std::to_string(length) + " bytes");
  return ParseSafetensorsFormat(rest.substr(0, length), format);
}

}  // namespace mltrend::hf
