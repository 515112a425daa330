//===----------------------------------------------------------------------===//
// mltrendd — server/request_parser.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdint>

#include "mltrendd/server/query_server.hpp"

namespace mltrendd {

//! The parser of one request on the query socket.
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

//! Applies the server's size limits to a fresh request parser. One function
//! for the server and its fuzz target (tests/fuzz/http_request.cpp), so the
//! fuzzer parses requests exactly as a connection does.
inline void ConfigureRequestParser(RequestParser& parser, const QueryServerLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
}

}  // namespace mltrendd
