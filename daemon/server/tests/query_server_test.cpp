#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include <boost/asio/local/stream_protocol.hpp>

#include "mltrend_test/test_support.hpp"
#include "server_harness.hpp"

namespace {

using server_test::Harness;

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

TEST_CASE("POST /v1/reload answers the status after a reload, 409 with the reason when refused, 405 on GET") {
  int calls = 0;
  bool refuse = false;
  Harness h([&](mltrendd::ApiModel& model) {
    model.reload_now = [&] {
      ++calls;
      return refuse ? mltrend::Status::Invalid("/etc/mltrend/mltrend.toml:3:1: unknown key 'intervall'")
                    : mltrend::Status::Ok();
    };
  });
  h.Start();
  CHECK(h.Request(server_test::http::verb::post, "/v1/reload") == 200);
  CHECK(calls == 1);
  refuse = true;
  CHECK(h.Request(server_test::http::verb::post, "/v1/reload") == 409);
  CHECK(calls == 2);
  CHECK(h.Request(server_test::http::verb::get, "/v1/reload") == 405);
  CHECK(h.Request(server_test::http::verb::post, "/v1/status") == 405);
  CHECK(calls == 2);
}

namespace {

//! A group other than the process's own when there is one it may give a
//! file to (a supplementary group, or any group for root), else its own:
//! then the test still checks the lookup and the chown path.
gid_t SomeOtherGroup() {
  const gid_t own = ::getegid();
  std::vector<gid_t> groups(static_cast<size_t>(std::max(::getgroups(0, nullptr), 0)));
  if (!groups.empty() && ::getgroups(static_cast<int>(groups.size()), groups.data()) >= 0) {
    for (gid_t g : groups) {
      if (g != own && ::getgrgid(g)) return g;
    }
  }
  if (::geteuid() == 0) {
    ::setgrent();
    while (const group* g = ::getgrent()) {
      if (g->gr_gid != own) {
        gid_t found = g->gr_gid;
        ::endgrent();
        return found;
      }
    }
    ::endgrent();
  }
  return own;
}

}  // namespace

TEST_CASE("socket_group: the socket is given to that group with mode 0660, an unknown group creates nothing") {
  const gid_t gid = SomeOtherGroup();
  const group* g = ::getgrgid(gid);
  REQUIRE(g != nullptr);
  const std::string name = g->gr_name;
  INFO("group " << name << " (" << gid << ")");
  Harness h;
  REQUIRE(h.server->Listen(h.Socket(), name).ok());
  h.Run();
  struct stat st {};
  REQUIRE(::lstat(h.Socket().c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 0777) == 0660);
  CHECK(st.st_gid == gid);
  CHECK(Get(h.Socket(), "/healthz").status == 200);

  Harness other;
  auto s = other.server->Listen(other.Socket(), "no-such-group-mltrend");
  CHECK_FALSE(s.ok());
  CHECK(s.message() == "socket_group 'no-such-group-mltrend': no such group");
  CHECK_FALSE(std::filesystem::exists(other.Socket()));
}
