#include "mltrendd/cli/socket_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mltrendd {

namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;

mltrend::Status SocketGet(const std::filesystem::path& socket, const std::string& target, SocketAnswer& out) {
  return SocketRequest(socket, "GET", target, out);
}

mltrend::Status SocketRequest(const std::filesystem::path& socket, std::string_view method, const std::string& target,
                              SocketAnswer& out) {
  boost::asio::io_context io;
  Local::socket sock(io);
  boost::system::error_code ec;
  sock.connect(Local::endpoint(socket.string()), ec);
  if (ec) {
    return mltrend::Status::IoError("cannot connect to mltrendd at " + socket.string() + " (" + ec.message() +
                                    "): is the daemon running? Start it with `mltrendd --config FILE` or "
                                    "`systemctl start mltrendd`, or pass --socket");
  }
  http::request<http::empty_body> req{http::string_to_verb({method.data(), method.size()}), target, 11};
  req.set(http::field::host, "localhost");
  req.set(http::field::user_agent, "mltrend-cli");
  http::write(sock, req, ec);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(sock, buffer, res, ec);
  if (ec) return mltrend::Status::IoError("mltrendd at " + socket.string() + " did not answer: " + ec.message());
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[http::field::content_type]);
  out.body = std::move(res.body());
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
