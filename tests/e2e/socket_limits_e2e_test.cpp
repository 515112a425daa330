//===----------------------------------------------------------------------===//
// tests/e2e — socket_limits_e2e_test.cpp
//===----------------------------------------------------------------------===//
// The real mltrendd's query socket under a flood: 1,000 connections that
// send nothing or half a request do not keep a fresh client from its
// answer; and the socket file's safety checks at start-up.

#include <catch2/catch.hpp>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <grp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <memory>

#include "e2e_support.hpp"

using mltrend_test::BuildPath;
using mltrend_test::FixturePath;

namespace {

namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;

//! `keys` added at the top of the sandbox's [daemon] table.
void AddDaemonKeys(const e2e::Sandbox& box, const std::string& keys) {
  std::string text = mltrend_test::ReadFile(box.config);
  const std::string header = "[daemon]\n";
  REQUIRE(text.rfind(header, 0) == 0);
  mltrend_test::WriteFile(box.config, header + keys + text.substr(header.size()));
}

//! Sets this process's soft RLIMIT_NOFILE (children inherit it).
void SetSoftFileLimit(rlim_t soft) {
  rlimit l{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &l) == 0);
  l.rlim_cur = std::min(soft, l.rlim_max);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &l) == 0);
}

//! "Max open files" soft and hard limits of process `pid`, from /proc.
std::pair<std::string, std::string> FileLimitsOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Max open files", 0) != 0) continue;
    std::istringstream fields(line.substr(std::string("Max open files").size()));
    std::string soft, hard;
    fields >> soft >> hard;
    return {soft, hard};
  }
  return {};
}

//! One raw client connection; a read that would block for a minute fails
//! the test instead of hanging it (a safety net, never reached when it passes).
struct Conn {
  Local::socket sock;
  boost::beast::flat_buffer buffer;
  Conn(boost::asio::io_context& io, const std::filesystem::path& path) : sock(io) {
    sock.connect(Local::endpoint(path.string()));
    timeval tv{60, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  void Send(const std::string& bytes) { boost::asio::write(sock, boost::asio::buffer(bytes)); }
  http::response<http::string_body> Answer() {
    http::response<http::string_body> res;
    http::read(sock, buffer, res);
    return res;
  }
  bool ClosedByServer() {
    char c;
    boost::system::error_code ec;
    size_t n = sock.read_some(boost::asio::buffer(&c, 1), ec);
    return n == 0 && (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
  }
};

//! Whether `page` has the sample line `series value`.
bool HasSample(const std::string& page, const std::string& series, int value) {
  return page.find("\n" + series + " " + std::to_string(value) + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("1000 connections idle or sending half a request: the real daemon serves a fresh client /healthz and /v1/trends at once") {
  constexpr int kFlood = 1000;
  e2e::CrawledListing listing;
  INFO(listing.once_stderr);
  REQUIRE(listing.once_status == 0);
  e2e::Sandbox& box = listing.box;
  // Timeouts out of reach: whatever frees a place for the fresh client,
  // it is not a timeout (the counters below check that too).
  AddDaemonKeys(box, "query_idle_timeout = \"1h\"\nquery_request_timeout = \"1h\"\n");

  rlimit own{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &own) == 0);
  INFO("hard RLIMIT_NOFILE " << own.rlim_max);
  REQUIRE(own.rlim_max >= kFlood + 64);
  // Start the daemon the way systemd does, with a soft limit of 1024; then
  // give this process enough descriptors for the flood.
  SetSoftFileLimit(1024);
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  SetSoftFileLimit(own.rlim_max);
  REQUIRE(notify.WaitFor("READY=1"));
  auto [soft, hard] = FileLimitsOf(daemon.Pid());
  CHECK(soft == hard);  // raised to the hard limit at start-up
  CHECK_FALSE(soft.empty());

  boost::asio::io_context io;
  std::vector<std::unique_ptr<Conn>> flood;
  for (int i = 0; i < kFlood; ++i) {
    flood.push_back(std::make_unique<Conn>(io, box.socket));
    Conn& c = *flood.back();
    switch (i % 4) {
      case 0:  // connects and sends nothing
        break;
      case 1:  // half the headers
        c.Send("GET /metrics HTTP/1.1\r\nHost: localhost\r\n");
        break;
      case 2:  // one answered request, then idle on keep-alive
        c.Send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        REQUIRE(c.Answer().result_int() == 200);
        break;
      case 3:  // whole headers, part of the body
        c.Send("POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"half\":");
        break;
    }
  }

  // The fresh client is served while all 1,000 are still open on our side.
  CHECK(e2e::Get(box.socket, "/healthz").status == 200);
  simdjson::dom::parser parser;
  auto trends = e2e::GetJson(parser, box.socket, "/v1/trends?source=hf&axis=cohort&bucket=year&metric=exclusive");
  CHECK(e2e::IntAt(trends, "/series/0/total") == 9715);

  // The places went from the connections that had waited longest.
  CHECK(flood.front()->ClosedByServer());
  Conn& late = *flood[kFlood - 3];  // a late half-sent GET /metrics: kept, and it can finish
  late.Send("\r\n");
  auto metrics = late.Answer();
  REQUIRE(metrics.result_int() == 200);
  const std::string& page = metrics.body();
  INFO(page);
  // 1,002 connections, 512 places: 490 gave way, 489 if the fresh client's
  // first connection had already closed when its second arrived.
  const std::string evicted = R"(mltrend_query_closed_connections_total{reason="evicted"})";
  const int kEvicted = kFlood + 2 - 512;
  CHECK((HasSample(page, evicted, kEvicted) || HasSample(page, evicted, kEvicted - 1)));
  CHECK(HasSample(page, "mltrend_query_refused_connections_total", 0));
  CHECK(HasSample(page, R"(mltrend_query_closed_connections_total{reason="idle_timeout"})", 0));
  CHECK(HasSample(page, R"(mltrend_query_closed_connections_total{reason="request_timeout"})", 0));
  std::printf("socket flood: %d connections held open, fresh client served /healthz and /v1/trends; %s\n", kFlood,
              page.substr(page.find(evicted), page.find('\n', page.find(evicted)) - page.find(evicted)).c_str());

  flood.clear();
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}

TEST_CASE("mltrendd refuses to start on a symlink or a non-socket file at the socket path, or an unknown socket_group") {
  const auto rules = FixturePath("huggingface/rules_tags_only.toml");
  {
    e2e::Sandbox box;
    box.WriteConfig("http://127.0.0.1:9", rules);
    std::filesystem::create_directories(box.socket.parent_path());
    mltrend_test::WriteFile(box.dir / "elsewhere", "keep");
    std::filesystem::create_symlink(box.dir / "elsewhere", box.socket);
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()});
    CHECK(daemon.Wait() == 1);
    CHECK(daemon.Stderr().find("is a symlink; refusing to use it") != std::string::npos);
    CHECK(std::filesystem::is_symlink(box.socket));
    CHECK(mltrend_test::ReadFile(box.dir / "elsewhere") == "keep");
  }
  {
    e2e::Sandbox box;
    box.WriteConfig("http://127.0.0.1:9", rules);
    std::filesystem::create_directories(box.socket.parent_path());
    mltrend_test::WriteFile(box.socket, "not a socket");
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()});
    CHECK(daemon.Wait() == 1);
    CHECK(daemon.Stderr().find("exists and is not a socket; refusing to replace it") != std::string::npos);
    CHECK(mltrend_test::ReadFile(box.socket) == "not a socket");
  }
  {
    e2e::Sandbox box;
    box.WriteConfig("http://127.0.0.1:9", rules);
    AddDaemonKeys(box, "socket_group = \"no-such-group-mltrend\"\n");
    mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()});
    CHECK(daemon.Wait() == 1);
    CHECK(daemon.Stderr().find("socket_group 'no-such-group-mltrend': no such group") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(box.socket));
  }
  {
    e2e::Sandbox box;
    box.WriteConfig("http://127.0.0.1:9", rules);
    AddDaemonKeys(box, "query_max_connections = 0\n");
    std::string err;
    CHECK(box.RunDaemon({"--check-config"}, &err) == 78);
    INFO(err);
    CHECK(err.find(box.config.string() + ":2:25: [daemon] query_max_connections: must be at least 1, got 0") !=
          std::string::npos);
  }
}

TEST_CASE("mltrendd gives its socket mode 0660 and the configured socket_group") {
  const group* own = ::getgrgid(::getegid());
  REQUIRE(own != nullptr);
  const std::string name = own->gr_name;
  e2e::Sandbox box;
  box.WriteConfig("http://127.0.0.1:9", FixturePath("huggingface/rules_tags_only.toml"));
  AddDaemonKeys(box, "socket_group = \"" + name + "\"\n");
  mltrend_test::NotifySocket notify;
  mltrend_test::ChildProcess daemon({e2e::DaemonBinary().string(), "--config", box.config.string()},
                                    {{"NOTIFY_SOCKET", notify.Path()}});
  REQUIRE(notify.WaitFor("READY=1"));
  struct stat st {};
  REQUIRE(::lstat(box.socket.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 0777) == 0660);
  CHECK(st.st_gid == own->gr_gid);
  CHECK(e2e::Get(box.socket, "/healthz").status == 200);
  daemon.Signal(SIGTERM);
  CHECK(daemon.Wait() == 0);
}
