#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <thread>

#include "mltrend_test/test_support.hpp"
#include "mltrendd/cli/socket_client.hpp"
#include "mltrendd/server/query_server.hpp"

namespace {

//! A QueryServer over an empty daemon (real store, no sources or sinks),
//! serving on its own event-loop thread.
struct Harness {
  mltrend_test::TempDir dir;
  std::unique_ptr<mltrendd::Store> store;
  std::vector<std::unique_ptr<mltrendd::SourceInstance>> sources;
  std::vector<std::unique_ptr<mltrendd::SinkInstance>> sinks;
  mltrendd::PluginRegistry plugins;
  boost::asio::io_context io;
  std::unique_ptr<mltrendd::Api> api;
  std::unique_ptr<mltrendd::QueryServer> server;
  std::thread loop;

  Harness() {
    REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
    api = std::make_unique<mltrendd::Api>(mltrendd::ApiModel{&sources, &sinks, store.get(), &plugins, {}});
    server = std::make_unique<mltrendd::QueryServer>(io, *api);
  }
  void Run() {
    loop = std::thread([this] { io.run(); });
  }
  ~Harness() {
    boost::asio::post(io, [this] { server->Stop(); io.stop(); });
    if (loop.joinable()) loop.join();
  }
  std::filesystem::path Socket() const { return dir / "run/mltrend.sock"; }
};

mltrendd::SocketAnswer Get(const std::filesystem::path& socket, const std::string& target) {
  mltrendd::SocketAnswer a;
  auto s = mltrendd::SocketGet(socket, target, a);
  INFO(s.message());
  REQUIRE(s.ok());
  return a;
}

}  // namespace

TEST_CASE("the socket answers health, 404 and 400 as JSON, with mode 0660") {
  Harness h;
  REQUIRE(h.server->Listen(h.Socket()).ok());
  h.Run();
  struct stat st {};
  REQUIRE(::stat(h.Socket().c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 0777) == 0660);

  auto ok = Get(h.Socket(), "/healthz");
  CHECK(ok.status == 200);
  CHECK(ok.body == R"({"status":"ok"})");

  auto missing = Get(h.Socket(), "/v1/nope");
  CHECK(missing.status == 404);
  CHECK(missing.body.find(R"("error":"not_found")") != std::string::npos);

  auto bad = Get(h.Socket(), "/v1/sources?verbose=1");
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("parameter":"verbose")") != std::string::npos);

  auto dup = Get(h.Socket(), "/v1/trends?source=a&source=b");
  CHECK(dup.status == 400);
  CHECK(dup.body.find(R"("parameter":"source")") != std::string::npos);

  auto sources = Get(h.Socket(), "/v1/sources");
  CHECK(sources.status == 200);
  CHECK(sources.body == R"({"sources":[],"sinks":[]})");
}

TEST_CASE("a stale socket file is replaced, a live one is not taken over") {
  Harness first;
  REQUIRE(first.server->Listen(first.Socket()).ok());
  first.Run();
  // A second daemon on the same path must refuse while the first listens.
  boost::asio::io_context io;
  mltrendd::QueryServer second(io, *first.api);
  auto s = second.Listen(first.Socket());
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("in use") != std::string::npos);

  // A socket file nobody listens on (left by a killed daemon) is replaced.
  mltrend_test::TempDir dir;
  auto stale = dir / "stale.sock";
  {
    boost::asio::local::stream_protocol::acceptor a(io, boost::asio::local::stream_protocol::endpoint(stale.string()));
  }
  REQUIRE(std::filesystem::exists(stale));
  mltrendd::QueryServer third(io, *first.api);
  CHECK(third.Listen(stale).ok());
}

TEST_CASE("a symlink or a regular file at the socket path is refused") {
  Harness h;
  std::filesystem::create_directories(h.Socket().parent_path());
  mltrend_test::WriteFile(h.dir / "target", "data");
  std::filesystem::create_symlink(h.dir / "target", h.Socket());
  auto s = h.server->Listen(h.Socket());
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("symlink") != std::string::npos);

  mltrendd::QueryServer other(h.io, *h.api);
  s = other.Listen(h.dir / "target");
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("not a socket") != std::string::npos);
  CHECK(mltrend_test::ReadFile(h.dir / "target") == "data");  // untouched
}
