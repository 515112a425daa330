// GET /v1/openapi.json against the daemon's real answers: every endpoint is
// in the document, every parameter a request uses is declared (with its
// enum), and every answer, success or error, matches its response schema.
// The schemas forbid unlisted keys, so the document cannot drift from the code.
#include <catch2/catch.hpp>

#include <map>

#include "e2e_support.hpp"

namespace {

//! Checks `value` against `schema`, the subset of OpenAPI 3.0 schemas the
//! document uses ($ref into the document, type, nullable, enum, properties,
//! required, additionalProperties, items); each mismatch goes to `errors`
//! with its JSON path.
void Validate(simdjson::dom::element doc, simdjson::dom::element schema, simdjson::dom::element value,
              const std::string& path, std::vector<std::string>& errors) {
  std::string_view ref;
  if (schema["$ref"].get(ref) == simdjson::SUCCESS) {
    simdjson::dom::element target;
    if (doc.at_pointer(ref.substr(1)).get(target) != simdjson::SUCCESS) {
      errors.push_back(path + ": $ref " + std::string(ref) + " resolves to nothing");
      return;
    }
    return Validate(doc, target, value, path, errors);
  }
  const auto t = value.type();
  bool nullable = false;
  if (schema["nullable"].get(nullable) != simdjson::SUCCESS) nullable = false;
  if (t == simdjson::dom::element_type::NULL_VALUE) {
    if (!nullable) errors.push_back(path + ": null where the schema does not allow it");
    return;
  }
  std::string_view type;
  if (schema["type"].get(type) == simdjson::SUCCESS) {
    using T = simdjson::dom::element_type;
    const bool integer = t == T::INT64 || t == T::UINT64;
    const bool ok = (type == "object" && t == T::OBJECT) || (type == "array" && t == T::ARRAY) ||
                    (type == "string" && t == T::STRING) || (type == "boolean" && t == T::BOOL) ||
                    (type == "integer" && integer) || (type == "number" && (integer || t == T::DOUBLE));
    if (!ok) {
      errors.push_back(path + ": not a " + std::string(type) + ": " + simdjson::minify(value));
      return;
    }
  }
  simdjson::dom::array allowed;
  if (schema["enum"].get(allowed) == simdjson::SUCCESS) {
    bool found = false;
    for (auto a : allowed) found = found || simdjson::minify(a) == simdjson::minify(value);
    if (!found) errors.push_back(path + ": " + simdjson::minify(value) + " is not in the enum");
  }
  simdjson::dom::array required;
  simdjson::dom::object object;
  if (value.get(object) == simdjson::SUCCESS) {
    if (schema["required"].get(required) == simdjson::SUCCESS) {
      for (auto key : required) {
        std::string_view k = key.get_string().value();
        if (object[k].error()) errors.push_back(path + ": required key \"" + std::string(k) + "\" is missing");
      }
    }
    simdjson::dom::object properties;
    const bool has_properties = schema["properties"].get(properties) == simdjson::SUCCESS;
    simdjson::dom::element extra = schema["additionalProperties"].value_unsafe();
    const bool has_extra = !schema["additionalProperties"].error();
    for (auto [key, member] : object) {
      simdjson::dom::element sub;
      const std::string at = path + "/" + std::string(key);
      if (has_properties && properties[key].get(sub) == simdjson::SUCCESS) {
        Validate(doc, sub, member, at, errors);
      } else if (has_extra && extra.is_object()) {
        Validate(doc, extra, member, at, errors);
      } else if (has_extra && extra.is_bool() && !extra.get_bool().value()) {
        errors.push_back(at + ": a key the schema does not list");
      }
    }
  }
  simdjson::dom::array array;
  simdjson::dom::element items;
  if (value.get(array) == simdjson::SUCCESS && schema["items"].get(items) == simdjson::SUCCESS) {
    size_t i = 0;
    for (auto item : array) Validate(doc, items, item, path + "/" + std::to_string(i++), errors);
  }
}

//! "a=1&b=2" as a map.
std::map<std::string, std::string> QueryOf(const std::string& target) {
  std::map<std::string, std::string> params;
  const size_t q = target.find('?');
  if (q == std::string::npos) return params;
  std::string rest = target.substr(q + 1);
  for (size_t start = 0; start <= rest.size();) {
    size_t end = rest.find('&', start);
    if (end == std::string::npos) end = rest.size();
    const std::string pair = rest.substr(start, end - start);
    const size_t eq = pair.find('=');
    params[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
    start = end + 1;
  }
  return params;
}

}  // namespace

TEST_CASE("GET /v1/openapi.json describes every endpoint, and the daemon's real answers match its schemas") {
  e2e::CrawledListing listing;
  INFO(listing.once_stderr);
  REQUIRE(listing.once_status == 0);
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", listing.box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  const auto& socket = listing.box.socket;

  simdjson::dom::parser doc_parser;
  simdjson::dom::element doc = e2e::GetJson(doc_parser, socket, "/v1/openapi.json");
  CHECK(doc["openapi"].get_string().value() == "3.0.3");
  for (const char* path : {"/healthz", "/metrics", "/v1/sources", "/v1/status", "/v1/plugins", "/v1/reload",
                           "/v1/openapi.json", "/v1/trends", "/v1/explain", "/v1/coverage", "/v1/rules",
                           "/v1/sources/{name}/unquarantine", "/v1/sinks/{name}/unquarantine"}) {
    INFO(path);
    CHECK(doc["paths"][path].error() == simdjson::SUCCESS);
  }

  // Answers of each kind: successes with every optional part present
  // somewhere (observed axis with dates, among's `outside`, an unknown
  // record's reason) and errors (400, 404).
  const std::vector<std::pair<std::string, int>> requests = {
      {"/healthz", 200},
      {"/v1/sources", 200},
      {"/v1/plugins", 200},
      {"/v1/status", 200},
      {"/v1/openapi.json", 200},
      {"/v1/rules", 200},
      {"/v1/rules?sink=trends", 200},
      {"/v1/trends?source=hf&bucket=year&metric=available&weight=downloads", 200},
      {"/v1/trends?source=hf&bucket=quarter&task=fill-mask&from=2020&to=2024-Q2&evidence=direct", 200},
      {"/v1/trends?source=hf&among=pytorch,tensorflow&bucket=year", 200},
      {"/v1/trends?source=hf&axis=observed&bucket=month", 200},
      {"/v1/trends?source=hf&axis=observed&bucket=day", 200},
      {"/v1/coverage?source=hf&bucket=quarter", 200},
      {"/v1/explain?source=hf&name=google-bert/bert-base-uncased", 200},
      {"/v1/explain?source=hf&name=MIT/ast-finetuned-audioset-10-10-0.4593", 200},
      {"/v1/trends?source=nope", 400},
      {"/v1/trends?source=hf&bucket=decade", 400},
      {"/v1/status?verbose=1", 400},
      {"/v1/explain?source=hf&name=no/such-model", 404},
  };
  // An answer's JSON body matches the operation's schema for its status.
  auto check_body = [&](simdjson::dom::element operation, const mltrendd::SocketAnswer& answer) {
    simdjson::dom::element schema;
    REQUIRE(operation["responses"][std::to_string(answer.status)]["content"]["application/json"]["schema"].get(
                schema) == simdjson::SUCCESS);
    simdjson::dom::parser parser;
    simdjson::dom::element body;
    REQUIRE(parser.parse(answer.body).get(body) == simdjson::SUCCESS);
    std::vector<std::string> errors;
    Validate(doc, schema, body, "", errors);
    for (const auto& e : errors) FAIL_CHECK(e);
    CHECK(errors.empty());
  };
  for (const auto& [target, want] : requests) {
    INFO(target);
    const mltrendd::SocketAnswer answer = e2e::Get(socket, target);
    CHECK(answer.status == want);
    const std::string path = target.substr(0, target.find('?'));
    simdjson::dom::element operation;
    REQUIRE(doc["paths"][path]["get"].get(operation) == simdjson::SUCCESS);
    // Every parameter sent is declared, and its value is in the declared enum.
    for (const auto& [name, value] : QueryOf(target)) {
      if (want != 200) continue;  // the error cases send wrong ones on purpose
      bool declared = false;
      simdjson::dom::array parameters;
      REQUIRE(operation["parameters"].get(parameters) == simdjson::SUCCESS);
      for (auto p : parameters) {
        if (p["name"].get_string().value() != name) continue;
        declared = true;
        simdjson::dom::array values;
        if (p["schema"]["enum"].get(values) != simdjson::SUCCESS) continue;
        bool listed = false;
        for (auto v : values) listed = listed || v.get_string().value() == value;
        INFO(name << "=" << value);
        CHECK(listed);
      }
      INFO(name);
      CHECK(declared);
    }
    check_body(operation, answer);
  }
  // POST .../unquarantine (plugin quarantine): a known instance, then none.
  const std::vector<std::pair<std::string, int>> posts = {
      {"/v1/sources/hf/unquarantine", 200}, {"/v1/sinks/trends/unquarantine", 200},
      {"/v1/sources/nope/unquarantine", 404}, {"/v1/sinks/nope/unquarantine", 404}};
  for (const auto& [target, want] : posts) {
    INFO(target);
    mltrendd::SocketAnswer answer;
    REQUIRE(mltrendd::SocketRequest(socket, "POST", target, answer).ok());
    CHECK(answer.status == want);
    const std::string path =
        target.rfind("/v1/sources/", 0) == 0 ? "/v1/sources/{name}/unquarantine" : "/v1/sinks/{name}/unquarantine";
    simdjson::dom::element operation;
    REQUIRE(doc["paths"][path]["post"].get(operation) == simdjson::SUCCESS);
    check_body(operation, answer);
  }
  // /metrics is text, declared as such.
  CHECK(doc["paths"]["/metrics"]["get"]["responses"]["200"]["content"]["text/plain"].error() == simdjson::SUCCESS);
  CHECK(e2e::Get(socket, "/metrics").content_type.rfind("text/plain", 0) == 0);
}

TEST_CASE("the OpenAPI validator used above rejects what it should") {
  simdjson::dom::parser p1, p2;
  simdjson::dom::element doc = p1.parse(std::string(
      R"({"components":{"schemas":{"E":{"type":"object","additionalProperties":false,"required":["a"],)"
      R"("properties":{"a":{"type":"integer"},"b":{"type":"string","enum":["x"]},"c":{"type":"array","items":)"
      R"({"type":"number","nullable":true}}}}}}})")).value();
  simdjson::dom::element schema = p2.parse(std::string(R"({"$ref":"#/components/schemas/E"})")).value();
  auto errors_of = [&](const char* json) {
    simdjson::dom::parser p;
    std::vector<std::string> errors;
    Validate(doc, schema, p.parse(std::string(json)).value(), "", errors);
    return errors;
  };
  CHECK(errors_of(R"({"a":1,"b":"x","c":[1.5,null,2]})").empty());
  CHECK(errors_of(R"({"b":"x"})") == std::vector<std::string>{": required key \"a\" is missing"});
  CHECK(errors_of(R"({"a":"1"})") == std::vector<std::string>{"/a: not a integer: \"1\""});
  CHECK(errors_of(R"({"a":1,"b":"y"})") == std::vector<std::string>{"/b: \"y\" is not in the enum"});
  CHECK(errors_of(R"({"a":1,"z":0})") == std::vector<std::string>{"/z: a key the schema does not list"});
  CHECK(errors_of(R"({"a":1,"c":["s"]})") == std::vector<std::string>{"/c/0: not a number: \"s\""});
  CHECK(errors_of(R"({"a":null})") == std::vector<std::string>{"/a: null where the schema does not allow it"});
}
