//===----------------------------------------------------------------------===//
// mltrendd — http/tests/http_test_helpers.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <string>

#include "mltrend_test/replay_server.hpp"
#include "mltrend_test/test_support.hpp"
#include "mltrendd/http/http_client.hpp"

namespace http_test {

using namespace std::chrono_literals;

//! Client options for loopback tests: generous enough never to trip on a
//! loaded machine unless a test means them to.
inline mltrendd::HttpClientOptions LoopbackOptions() {
  mltrendd::HttpClientOptions options;
  options.connect_timeout = 10s;
  options.read_timeout = 10s;
  options.total_timeout = 30s;
  return options;
}

//! A file of tests/fixtures/tls.
inline std::filesystem::path TlsFixture(const std::string& name) { return mltrend_test::FixturePath("tls/" + name); }

//! A TLS replay server presenting `name`.pem/`name`.key from tests/fixtures/tls.
inline mltrend_test::ReplayServer::Options TlsServer(const std::string& name) {
  mltrend_test::ReplayServer::Options options;
  options.tls = true;
  options.cert_chain = TlsFixture(name + ".pem");
  options.private_key = TlsFixture(name + ".key");
  return options;
}

inline mltrend_test::Exchange Ok(std::string target, std::string body) {
  mltrend_test::Exchange exchange;
  exchange.target = std::move(target);
  exchange.body = std::move(body);
  return exchange;
}

inline mltrend_test::Exchange Redirect(std::string target, int status, std::string location) {
  mltrend_test::Exchange exchange;
  exchange.target = std::move(target);
  exchange.status = status;
  exchange.headers = {{"Location", std::move(location)}};
  return exchange;
}

inline bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace http_test
