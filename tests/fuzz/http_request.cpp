//===----------------------------------------------------------------------===//
// mltrend fuzz targets — http_request.cpp
//===----------------------------------------------------------------------===//
// The query socket's HTTP/1.1 request parsing: Beast's request_parser with
// the server's own limits (ConfigureRequestParser, QueryServerLimits'
// defaults), driven the way a connection drives it — bytes arrive in reads
// of a size the input's length picks, a fresh parser per request, pipelined
// bytes carried over while the client keeps the connection alive — then the
// request target through ParseTarget as the API does.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <string>

#include "fuzz_check.hpp"
#include "mltrendd/server/query_params.hpp"
#include "mltrendd/server/request_parser.hpp"

namespace {

namespace http = boost::beast::http;

//! One request read as http::async_read reads it: put() what is buffered,
//! read more on need_more, put_eof() at the end of the stream. False when
//! the stream ended before the request began (the server just closes).
bool ReadOne(std::string_view input, size_t chunk, size_t& fed, std::string& buffer, mltrendd::RequestParser& parser,
             boost::beast::error_code& ec) {
  for (;;) {
    size_t used = 0;
    ec = http::error::need_more;
    if (!buffer.empty()) used = parser.put(boost::asio::buffer(buffer.data(), buffer.size()), ec);
    buffer.erase(0, used);
    if (ec != http::error::need_more) {
      if (ec || parser.is_done()) return true;
      continue;
    }
    ec = {};
    if (fed == input.size()) {
      if (!parser.got_some()) return false;
      parser.put_eof(ec);
      return true;
    }
    const std::string_view more = input.substr(fed, chunk);
    buffer.append(more);
    fed += more.size();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mltrend_fuzz;
  const std::string_view input = Text(data, size);
  const mltrendd::QueryServerLimits limits;
  const size_t chunk = 1 + size % 61;
  size_t fed = 0;
  std::string buffer;
  for (;;) {
    mltrendd::RequestParser parser;
    mltrendd::ConfigureRequestParser(parser, limits);
    boost::beast::error_code ec;
    if (!ReadOne(input, chunk, fed, buffer, parser, ec) || ec) return 0;  // the server answers 400 and closes
    Check(parser.is_done(), "a request read without error is complete");
    const auto& request = parser.get();
    Check(request.body().size() <= limits.max_body_bytes, "a body stays within max_body_bytes");
    mltrendd::ParsedTarget target;
    std::string bad;
    (void)mltrendd::ParseTarget(std::string_view(request.target().data(), request.target().size()), target, bad);
    if (!request.keep_alive()) return 0;
  }
}
