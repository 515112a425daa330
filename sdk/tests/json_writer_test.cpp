#include <catch2/catch.hpp>

#include <limits>

#include "mltrend/json_writer.hpp"

TEST_CASE("JsonWriter places commas and escapes strings") {
  mltrend::JsonWriter w;
  w.BeginObject().Key("a").Int(1).Key("s").String("q\"\\\n\x01");
  w.Key("list").BeginArray().Int(1).Int(2).BeginObject().EndObject().EndArray();
  w.Key("nan").Double(std::numeric_limits<double>::quiet_NaN()).Key("x").Double(0.85).EndObject();
  CHECK(w.str() == R"({"a":1,"s":"q\"\\\n\u0001","list":[1,2,{}],"nan":null,"x":0.85})");
}

TEST_CASE("JsonWriter::StringOrNull writes null for an empty string") {
  mltrend::JsonWriter w;
  w.BeginObject().Key("error").StringOrNull("").Key("address").StringOrNull("127.0.0.1:9464").EndObject();
  CHECK(w.str() == R"({"error":null,"address":"127.0.0.1:9464"})");
}
