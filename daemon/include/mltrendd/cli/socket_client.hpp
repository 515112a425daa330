//===----------------------------------------------------------------------===//
// mltrendd — cli/socket_client.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mltrend/status.hpp"

namespace mltrendd {

struct SocketAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
};

//! One GET over the daemon's Unix socket. An IoError names the socket and
//! says whether the daemon looks down (no socket file, connection refused).
mltrend::Status SocketGet(const std::filesystem::path& socket, const std::string& target, SocketAnswer& out);
//! The same with another method ("POST"), no body.
mltrend::Status SocketRequest(const std::filesystem::path& socket, std::string_view method, const std::string& target,
                              SocketAnswer& out);

}  // namespace mltrendd
