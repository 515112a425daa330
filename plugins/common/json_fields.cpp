#include "json_fields.hpp"

#include <string>

namespace mltrend::plugin_json {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

const char* FieldReader::TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "unknown value";
}

namespace {

//! Deeper than any real answer nests; a hostile page of 100,000 nested
//! arrays must end in an error, not in a stack overflow (On-Demand itself
//! does not limit depth).
constexpr int kMaxSkipDepth = 256;

//! Longer than any id, name, tag or date a source sends; a record carrying a
//! longer string (a 10 MB field) is rejected rather than stored.
constexpr size_t kMaxStringBytes = 64 * 1024;

std::string TooLong(std::string_view key, size_t size) {
  return "'" + std::string(key) + "' is " + std::to_string(size) + " bytes long, more than the " +
         std::to_string(kMaxStringBytes) + " allowed";
}

error_code SkipAt(od::value& v, int depth) {
  if (depth > kMaxSkipDepth) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (error_code e = v.get_object().get(object)) return e;
      return FieldReader::ForEachField(object,
                                       [depth](std::string_view, od::value& field) { return SkipAt(field, depth + 1); });
    }
    case od::json_type::array: {
      od::array array;
      if (error_code e = v.get_array().get(array)) return e;
      for (auto item : array) {
        od::value element;
        if (error_code e = std::move(item).get(element)) return e;
        if (error_code e = SkipAt(element, depth + 1)) return e;
      }
      return SUCCESS;
    }
    case od::json_type::number: {
      double ignored;
      return v.get_double().get(ignored);
    }
    case od::json_type::string: {
      std::string_view ignored;
      return v.get_string().get(ignored);
    }
    case od::json_type::boolean: {
      bool ignored;
      return v.get_bool().get(ignored);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (error_code e = v.is_null().get(is_null)) return e;
      return is_null ? SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

}  // namespace

error_code FieldReader::Skip(od::value& v) { return SkipAt(v, 0); }

error_code FieldReader::Mismatch(od::value& v, std::string_view key, od::json_type type, const char* expected) {
  Problem("'" + std::string(key) + "' is a " + TypeName(type) + ", expected " + expected);
  return Skip(v);
}

error_code FieldReader::OptString(od::value& v, std::string_view key, std::optional<std::string>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  out.reset();
  if (type == od::json_type::null) return Skip(v);
  if (type != od::json_type::string) return Mismatch(v, key, type, "a string");
  std::string_view text;
  if (error_code e = v.get_string().get(text)) return e;
  if (text.size() > kMaxStringBytes) Problem(TooLong(key, text.size()));
  else out.emplace(text);
  return SUCCESS;
}

error_code FieldReader::OptBool(od::value& v, std::string_view key, std::optional<bool>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  out.reset();
  if (type == od::json_type::null) return Skip(v);
  if (type != od::json_type::boolean) return Mismatch(v, key, type, "a boolean");
  bool b = false;
  if (error_code e = v.get_bool().get(b)) return e;
  out = b;
  return SUCCESS;
}

error_code FieldReader::OptCount(od::value& v, std::string_view key, std::optional<int64_t>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  out.reset();
  if (type == od::json_type::null) return Skip(v);
  if (type != od::json_type::number) return Mismatch(v, key, type, "an integer");
  od::number_type kind;
  if (error_code e = v.get_number_type().get(kind)) return e;
  if (kind != od::number_type::signed_integer) {
    Problem("'" + std::string(key) + "' is " +
            (kind == od::number_type::floating_point_number ? "not an integer" : "too large"));
    return Skip(v);
  }
  int64_t n = 0;
  if (error_code e = v.get_int64().get(n)) return e;
  if (n < 0) Problem("'" + std::string(key) + "' is negative (" + std::to_string(n) + ")");
  else out = n;
  return SUCCESS;
}

error_code FieldReader::Strings(od::value& v, std::string_view key, std::vector<std::string>& out) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  out.clear();
  if (type == od::json_type::null) return Skip(v);
  if (type != od::json_type::array) return Mismatch(v, key, type, "an array of strings");
  od::array array;
  if (error_code e = v.get_array().get(array)) return e;
  for (auto item : array) {
    od::value element;
    if (error_code e = std::move(item).get(element)) return e;
    if (error_code e = element.type().get(type)) return e;
    if (type != od::json_type::string) {
      Problem("'" + std::string(key) + "' holds a " + TypeName(type) + ", expected only strings");
      if (error_code e = Skip(element)) return e;
      continue;
    }
    std::string_view text;
    if (error_code e = element.get_string().get(text)) return e;
    if (text.size() > kMaxStringBytes) Problem(TooLong(key, text.size()));
    else out.emplace_back(text);
  }
  return SUCCESS;
}

}  // namespace mltrend::plugin_json
