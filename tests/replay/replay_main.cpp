//===----------------------------------------------------------------------===//
// tests — replay/replay_main.cpp: the standalone `mltrend-replay`
//===----------------------------------------------------------------------===//
// Serves a recorded directory on loopback for end-to-end tests, benchmarks
// and manual runs, until SIGINT or SIGTERM.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "mltrend_test/replay_server.hpp"

namespace {

namespace fs = std::filesystem;

struct Args {
  fs::path dir;
  uint16_t port = 0;
  fs::path port_file;
  fs::path tls_cert;
  fs::path tls_key;
};

constexpr const char* kUsage =
    "usage: mltrend-replay --dir DIR [--port PORT] [--port-file FILE] [--tls-cert CERT --tls-key KEY]\n";

bool ParseArgs(int argc, char** argv, Args& args, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      error.clear();
      return false;
    }
    if (i + 1 >= argc) {
      error = flag + " needs a value";
      return false;
    }
    std::string value = argv[++i];
    if (flag == "--dir") {
      args.dir = value;
    } else if (flag == "--port") {
      size_t used = 0;
      unsigned long port = 0;
      try {
        port = std::stoul(value, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != value.size() || port > 65535) {
        error = "--port '" + value + "' is not a port number";
        return false;
      }
      args.port = static_cast<uint16_t>(port);
    } else if (flag == "--port-file") {
      args.port_file = value;
    } else if (flag == "--tls-cert") {
      args.tls_cert = value;
    } else if (flag == "--tls-key") {
      args.tls_key = value;
    } else {
      error = "unknown option " + flag;
      return false;
    }
  }
  if (args.dir.empty()) {
    error = "--dir is required";
    return false;
  }
  if (args.tls_cert.empty() != args.tls_key.empty()) {
    error = "--tls-cert and --tls-key go together";
    return false;
  }
  return true;
}

// Written under a temporary name and renamed, so a reader polling for the
// file never sees it half written.
void WritePortFile(const fs::path& file, uint16_t port) {
  fs::path temp = file;
  temp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, file);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, args, error)) {
    if (!error.empty()) std::cerr << "mltrend-replay: " << error << "\n";
    std::cerr << kUsage;
    return error.empty() ? 0 : 2;
  }
  // Blocked before the server thread starts, so it inherits the mask and the
  // signals reach sigwait below instead.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    mltrend_test::ReplayServer::Options options;
    options.port = args.port;
    options.tls = !args.tls_cert.empty();
    options.cert_chain = args.tls_cert;
    options.private_key = args.tls_key;
    mltrend_test::ReplayServer server(options);
    server.LoadDirectory(args.dir);
    server.Start();
    std::cout << "listening on " << server.BaseUrl() << std::endl;
    if (!args.port_file.empty()) WritePortFile(args.port_file, server.Port());
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
    std::cout << "stopped after " << server.Requests().size() << " requests" << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "mltrend-replay: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
