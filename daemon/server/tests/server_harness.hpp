//===----------------------------------------------------------------------===//
// mltrendd — server/tests/server_harness.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "mltrend_test/test_support.hpp"
#include "mltrendd/cli/socket_client.hpp"
#include "mltrendd/server/query_server.hpp"

namespace server_test {

namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;

//! A QueryServer over an empty daemon (real store, no sources or sinks),
//! serving on its own event-loop thread once Start() (or Listen + Run) ran.
struct Harness {
  mltrend_test::TempDir dir;
  std::unique_ptr<mltrendd::Store> store;
  std::vector<std::unique_ptr<mltrendd::SourceInstance>> sources;
  std::vector<std::unique_ptr<mltrendd::SinkInstance>> sinks;
  mltrendd::PluginRegistry plugins;
  boost::asio::io_context io;
  mltrendd::ApiModel model;
  std::unique_ptr<mltrendd::Api> api;
  std::unique_ptr<mltrendd::QueryServer> server;
  //! The read-only TCP listener, when a test opens it (ListenScrape).
  std::unique_ptr<mltrendd::QueryServer> scrape;
  std::thread loop;

  //! `configure` may change the model (e.g. set reload_now) before the Api is built.
  explicit Harness(const std::function<void(mltrendd::ApiModel&)>& configure = {},
                   mltrendd::QueryServerLimits limits = {}) {
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    model.sources = &sources;
    model.sinks = &sinks;
    model.store = store.get();
    model.plugins = &plugins;
    if (configure) configure(model);
    api = std::make_unique<mltrendd::Api>(model);
    server = std::make_unique<mltrendd::QueryServer>(io, *api, limits);
  }
  void Run() {
    loop = std::thread([this] { io.run(); });
  }
  //! Listen on Socket() and Run.
  void Start() {
    REQUIRE(server->Listen(Socket()).ok());
    Run();
  }
  //! Opens the metrics listener on 127.0.0.1 (a free port), before Run.
  void ListenScrape() {
    scrape = std::make_unique<mltrendd::QueryServer>(io, *api, mltrendd::QueryServerLimits{},
                                                     mltrendd::Endpoints::kScrape);
    auto s = scrape->ListenTcp("127.0.0.1", 0);
    INFO(s.message());
    REQUIRE(s.ok());
  }
  ~Harness() {
    boost::asio::post(io, [this] {
      if (scrape) scrape->Stop();
      server->Stop();
      io.stop();
    });
    if (loop.joinable()) loop.join();
  }
  std::filesystem::path Socket() const { return dir / "run/mltrend.sock"; }

  mltrendd::SocketAnswer Get(const std::string& target) {
    mltrendd::SocketAnswer a;
    auto s = mltrendd::SocketGet(Socket(), target, a);
    INFO(s.message());
    REQUIRE(s.ok());
    return a;
  }
  //! One request with any method; returns the whole answer, headers and all.
  http::response<http::string_body> Exchange(http::verb method, const std::string& target) {
    boost::asio::io_context client;
    Local::socket sock(client);
    sock.connect(Local::endpoint(Socket().string()));
    http::request<http::empty_body> req{method, target, 11};
    req.set(http::field::host, "localhost");
    http::write(sock, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);  // a HEAD answer has no body to read
    http::read(sock, buffer, parser);
    return parser.release();
  }
  //! One request with any method; returns the status.
  int Request(http::verb method, const std::string& target) {
    return static_cast<int>(Exchange(method, target).result_int());
  }
  //! Raw bytes that are not HTTP; returns what the server wrote back.
  std::string Garbage(const std::string& bytes) {
    boost::asio::io_context client;
    Local::socket sock(client);
    sock.connect(Local::endpoint(Socket().string()));
    boost::asio::write(sock, boost::asio::buffer(bytes));
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(sock, buffer, res);
    return std::to_string(res.result_int());
  }
};

}  // namespace server_test
